package fuzzyx

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanPaths returns n realistic paths of the kind the passport picker lists: branch scan
// folders, camel-cased upload names, dated archives with Arabic customer names, Windows
// shares, the odd non-image. The same n and seed always give the same list.
func scanPaths(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	cities := []string{"Riyadh", "Jeddah", "Dammam", "Makkah", "Madinah", "Abha", "Tabuk", "AlKhobar"}
	latin := []string{"AhmedAlQahtani", "SaraAlHarbi", "mohammed_otaibi", "Noura-AlShehri",
		"khalid.alzahrani", "FatimahAlDosari", "omar_al-ghamdi", "ReemAlMutairi", "Passport Renewal"}
	arabic := []string{"محمد_العتيبي", "سارة الحربي", "عبدالله-القحطاني", "نورة_الشهري",
		"فاطمة الدوسري", "خالد_الزهراني", "مُحَمَّد_الغامدي"}
	kinds := []string{"passport_front", "passport_back", "PassportScan", "passport-photo", "idCard",
		"visa_page", "selfie", "residence-permit", "renewalRequest", "signature"}
	exts := []string{".jpg", ".jpeg", ".png", ".JPG", ".PNG", ".pdf", ".tiff"}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	out := make([]string, n)
	for i := range out {
		var s string
		switch k := rng.IntN(20); {
		case k < 9:
			s = fmt.Sprintf("scans/%d/branch-%03d/customer-%05d/%s_%04d%s", 2019+rng.IntN(7),
				rng.IntN(120), rng.IntN(100000), pick(kinds), rng.IntN(10000), pick(exts))
		case k < 14:
			s = fmt.Sprintf("uploads/%s/branch-%03d/%s/%s_%d%s", pick(cities), rng.IntN(120),
				pick(latin), pick(kinds), rng.IntN(100), pick(exts))
		case k < 17:
			s = fmt.Sprintf("archive/%d-%02d-%02d/customer-%05d/%s/%s%s", 2019+rng.IntN(7),
				1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(100000), pick(arabic), pick(kinds), pick(exts))
		case k < 19:
			s = fmt.Sprintf(`\\fileserver\KYC\%s\%s %d%s`, pick(cities), pick(kinds), rng.IntN(1000), pick(exts))
		default:
			s = fmt.Sprintf("%s%d%s", pick(kinds), rng.IntN(100), pick(exts))
		}
		out[i] = s
	}
	return out
}

// randomPatterns returns the queries a person (or a fuzzer) would type into the picker:
// pieces and subsequences of real entries, in either case, random letters and digits,
// Arabic, Kelvin signs and long s (which fuzzy folds to 'k' and 's'), and things that
// match nothing.
func randomPatterns(entries []string, count int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 7))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyzPASRT0123456789_-/. \\")
	odd := []rune("محمدسارةKſÄé")
	out := make([]string, 0, count)
	for len(out) < count {
		e := []rune(entries[rng.IntN(len(entries))])
		if len(e) == 0 {
			continue
		}
		size := 1 + rng.IntN(12)
		var p []rune
		switch rng.IntN(6) {
		case 0, 1: // a piece of an entry
			at := rng.IntN(len(e))
			p = e[at:min(at+size, len(e))]
		case 2: // a subsequence of an entry
			for j := range e {
				if rng.IntN(len(e)) < size {
					p = append(p, e[j])
				}
			}
		case 3: // random characters
			for range size {
				p = append(p, alphabet[rng.IntN(len(alphabet))])
			}
		case 4: // with the odd ones
			for range size {
				if rng.IntN(3) == 0 {
					p = append(p, odd[rng.IntN(len(odd))])
				} else {
					p = append(p, alphabet[rng.IntN(len(alphabet))])
				}
			}
		case 5: // what a person types: a word of the listing
			p = []rune([]string{"passport", "pas", "p", "front", "jpg", "scan", "riyadh", "محمد", "2024"}[rng.IntN(9)])
		}
		s := string(p)
		if rng.IntN(4) == 0 {
			s = strings.ToUpper(s)
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestScanPathsIsDeterministic also writes the benchmark lists for measuring other tools
// (fzf --filter) when FUZZYX_WRITE_LISTS names a directory.
func TestScanPathsIsDeterministic(t *testing.T) {
	a, b := scanPaths(1000, 1), scanPaths(1000, 1)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("entry %d differs between runs: %q vs %q", i, a[i], b[i])
		}
	}
	if dir := os.Getenv("FUZZYX_WRITE_LISTS"); dir != "" {
		for _, n := range []int{100_000, 1_000_000} {
			name := filepath.Join(dir, fmt.Sprintf("list%dk.txt", n/1000))
			if err := os.WriteFile(name, []byte(strings.Join(scanPaths(n, 1), "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
