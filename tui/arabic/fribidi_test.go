package arabic

import (
	"bytes"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
)

// phrases are real names and phrases for the comparison with GNU FriBidi: harakat, shadda, the hamza
// forms, lam-alef, taa marbuta, alef maksura, Persian letters, and Latin and digits mixed in.
var phrases = []string{
	"مُحَمَّد بن عَبْدِ الله",
	"عبد الرحمن",
	"لا إله",
	"ابراهيم خليل",
	"مصطفى",
	"ﻣﺤﻤﺪ",
	"محمد علي حسن",
	"فاطمة الزهراء",
	"عائشة بنت أبي بكر",
	"أحمد إبراهيم آل سعود",
	"مؤمن سعيد",
	"رئيس لؤي",
	"علاء الدين",
	"عبد الإله",
	"سلامة",
	"آلاء أسامة",
	"لؤلؤة",
	"سماء",
	"جزاء العلي",
	"يحيى موسى عيسى",
	"ليلى مرتضى",
	"هدى",
	"خالد بن الوليد",
	"عُمَر بن الخَطّاب",
	"عَلِيّ بن أَبِي طَالِب",
	"حُسَيْن",
	"زَيْنَب",
	"مُصْطَفَى",
	"إِبْرَاهِيم",
	"عَبْدُ اللَّه",
	"لَا إِلَهَ إِلَّا اللَّه",
	"الله",
	"عبدالله",
	"نور الهدى",
	"سلطان قابوس",
	"شيماء",
	"ضياء الحق",
	"ظافر",
	"غسان كنفاني",
	"ثامر",
	"ذكرى",
	"صلاح الدين الأيوبي",
	"طلال",
	"بلال",
	"كلثوم",
	"فيروز",
	"ٱلرَّحْمَٰن",
	"پرویز",
	"کاظم",
	"Name: علي ١٢٣ ok",
	"جواز سفر رقم A1234567",
	"الرقم 12345 للجواز",
	"رقم الهاتف: +971 50 123 4567",
	"(محمد) [علي] {حسن}",
	"أحمد - محمد. علي",
	"تاريخ الميلاد 1990-01-31",
	"محمد, Ali, حسن",
	"المبلغ ٣٫٥ دينار",
	"ID 784-1990-1234567-1 خالد",
	"Dr. أحمد Smith",
	"ـمحمدـ",
	"لآلئ",
	"لأن لإن",
	"ئ ؤ ء أ إ آ",
	"ة ى",
}

// TestDisplayAppMatchesFribidi runs GNU FriBidi live on every phrase and compares its visual
// string with Display in app mode. FriBidi's console output puts U+FEFF after each lam-alef
// ligature where the alef was (ARABIC.md); that is stripped before comparing.
func TestDisplayAppMatchesFribidi(t *testing.T) {
	path, err := exec.LookPath("fribidi")
	if err != nil {
		t.Skip("fribidi not installed (Debian package libfribidi-bin)")
	}
	if len(phrases) < 50 {
		t.Fatalf("only %d phrases; the table needs at least 50", len(phrases))
	}
	cmd := exec.Command(path, "--nopad", "--nobreak", "--charset", "UTF-8")
	cmd.Stdin = strings.NewReader(strings.Join(phrases, "\n") + "\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("fribidi: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(phrases) {
		t.Fatalf("fribidi gave %d lines for %d phrases", len(lines), len(phrases))
	}
	agree := 0
	for i, p := range phrases {
		want := strings.ReplaceAll(lines[i], "\ufeff", "")
		got := Display(p, ModeApp)
		if got == want {
			agree++
			continue
		}
		t.Errorf("Display(%q, app)\n got %q %U\nwant %q %U (fribidi)", p, got, []rune(got), want, []rune(want))
	}
	t.Logf("fribidi agreement: %d of %d", agree, len(phrases))
}

// TestDisplayAppMatchesFribidiOnRandomText compares Display with FriBidi on random strings
// from an alphabet of Arabic letters (all joining types, the lam-alef pairs), harakat, tatweel,
// ZWJ/ZWNJ, Latin, both kinds of digits, separators and brackets.
//
// Bidi controls are left out on purpose: Clean and Normalize remove them before anything is drawn,
// and there FriBidi 1.0.8 departs from the Unicode data: it lets LRM, RLM and ALM break joining
// (ArabicShaping.txt makes them transparent, general category Cf), and it does not join Arabic
// letters forced to a left-to-right level by LRO.
func TestDisplayAppMatchesFribidiOnRandomText(t *testing.T) {
	path, err := exec.LookPath("fribidi")
	if err != nil {
		t.Skip("fribidi not installed (Debian package libfribidi-bin)")
	}
	alphabet := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءآأإؤئلللاـ\u064e\u064f\u0650\u0651\u0652\u064b\u0670\u200d\u200c" +
		"پچژگکی abcXYZ 0123 ٠١٢٣ ,.:-+/%$()[]{}<>!? ")
	rng := rand.New(rand.NewPCG(4, 2026))
	n := 10000
	if testing.Short() {
		n = 1000
	}
	inputs := make([]string, n)
	for i := range inputs {
		rs := make([]rune, 1+rng.IntN(24))
		for j := range rs {
			rs[j] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs[i] = string(rs)
	}
	cmd := exec.Command(path, "--nopad", "--nobreak", "--charset", "UTF-8")
	cmd.Stdin = strings.NewReader(strings.Join(inputs, "\n") + "\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("fribidi: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(inputs) {
		t.Fatalf("fribidi gave %d lines for %d inputs", len(lines), len(inputs))
	}
	// ZWJ and ZWNJ are invisible and zero-width: grapheme clusters keep them after the letter
	// they follow, FriBidi moves them as characters of their own. Their effect on joining is
	// compared; their position is not.
	invisible := strings.NewReplacer("\ufeff", "", "\u200d", "", "\u200c", "")
	agree, differ := 0, 0
	for i, in := range inputs {
		want := invisible.Replace(lines[i])
		if got := invisible.Replace(Display(in, ModeApp)); got == want {
			agree++
		} else if differ++; differ <= 10 {
			t.Errorf("Display(%q %U)\n got %q %U\nwant %q %U", in, []rune(in), got, []rune(got), want, []rune(want))
		}
	}
	t.Logf("fribidi agreement on random text: %d of %d", agree, n)
}
