package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// icaoDigit computes an ICAO 9303 check digit independently of the sandbox's composer.
func icaoDigit(field string) byte {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	sum := 0
	for i := range len(field) {
		v := strings.IndexByte(alphabet, field[i]) // '<' gives -1: counts as 0
		if v < 0 {
			v = 0
		}
		sum += v * []int{7, 3, 1}[i%3]
	}
	return "0123456789"[sum%10]
}

// validTD3 checks shape and every check digit of a two-line passport MRZ.
func validTD3(lines []string) bool {
	if len(lines) != 2 || len(lines[0]) != 44 || len(lines[1]) != 44 || lines[0][0] != 'P' {
		return false
	}
	l := lines[1]
	composite := l[0:10] + l[13:20] + l[21:43]
	pn := l[42]
	if strings.Trim(l[28:42], "<") == "" && pn == '<' {
		pn = '0'
	}
	return l[9] == icaoDigit(l[0:9]) && l[19] == icaoDigit(l[13:19]) && l[27] == icaoDigit(l[21:27]) &&
		pn == icaoDigit(l[28:42]) && l[43] == icaoDigit(composite)
}

func TestIcaoDigitMatchesTheSpecimenFromICAO9303(t *testing.T) {
	// ICAO 9303 part 4's own example passport (Anna Maria Eriksson of Utopia).
	lines := []string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"}
	if !validTD3(lines) {
		t.Fatal("the ICAO example must validate")
	}
	bad := []string{lines[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<11"}
	if validTD3(bad) {
		t.Fatal("a wrong composite digit must not validate")
	}
}

func TestSpecimensAreImagesOfPlausibleSizeMarkedAsSuch(t *testing.T) {
	specs := Specimens()
	if len(specs) < 5 {
		t.Fatalf("%d specimens, want several", len(specs))
	}
	total, formats, widths := 0, map[string]bool{}, []int{}
	for _, sp := range specs {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(sp.Data))
		if err != nil {
			t.Fatalf("%s does not decode: %v", sp.Name, err)
		}
		if !strings.Contains(sp.Name, "specimen") || !strings.HasSuffix(sp.Name, map[string]string{"jpeg": ".jpg", "png": ".png"}[format]) {
			t.Errorf("%s: a %s file should say specimen and carry its format's extension", sp.Name, format)
		}
		formats[format] = true
		widths = append(widths, cfg.Width)
		total += len(sp.Data)
	}
	if !formats["jpeg"] || !formats["png"] {
		t.Errorf("formats %v, want JPEG and PNG", formats)
	}
	small, large := false, false
	for _, w := range widths {
		small = small || w < 600
		large = large || w >= 2500
	}
	if !small || !large {
		t.Errorf("widths %v, want one too small to read and one large", widths)
	}
	if total > 3<<20 {
		t.Errorf("specimens weigh %d bytes, want under 3 MB in the binary", total)
	}
}

func TestSpecimenIsMarkedWithRedSpecimenInk(t *testing.T) {
	// The diagonal SPECIMEN word is the only red on the page: a decoded specimen must have a
	// visible amount of it.
	img, _, err := image.Decode(bytes.NewReader(specimen(t, aminaJPEG)))
	if err != nil {
		t.Fatal(err)
	}
	b, red := img.Bounds(), 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if int(c.R)-int(c.G) > 50 && int(c.R)-int(c.B) > 50 {
				red++
			}
		}
	}
	if share := float64(red) / float64(b.Dx()*b.Dy()/16); share < 0.02 {
		t.Fatalf("only %.3f of the page is SPECIMEN red", share)
	}
}

// ocrOf uploads an image in the happy path and returns the OCR record.
func ocrOf(t *testing.T, g *rig, img []byte) map[string]any {
	t.Helper()
	tok := g.openVerified("DEMO-HAPPY")
	up := g.upload(tok, img)
	wantStatus(t, "upload", up, 200)
	ans := up.obj(t)
	if ans["isSuccess"] != true {
		t.Fatalf("upload failed: %s", up.body)
	}
	return data(t, ans)
}

func TestOCRAnswerOfASpecimenIsWhatIsDrawnOnIt(t *testing.T) {
	g := newRig(t, Options{})
	want := map[string]struct{ doc, ar, birth, nat string }{
		"passport-amina-specimen.jpg":         {"K4821907", "أمينة خالد المنصوري", "1991-07-23", "JOR"},
		"passport-omar-specimen.jpg":          {"A27193846", "عمر يوسف الحداد", "1985-02-11", "EGY"},
		"passport-yusuf-expired-specimen.jpg": {"F73305126", "يوسف إبراهيم القاسمي", "1979-04-30", "SAU"},
		"passport-hana-utopia-specimen.png":   {"U5530927", "هناء رشيد العلمي", "2001-09-14", "UTO"},
		"passport-layla-large-specimen.jpg":   {"XN0634182", "ليلى سمير النوري", "1998-12-05", "ARE"},
	}
	for _, sp := range Specimens() {
		w, readable := want[sp.Name]
		if !readable {
			continue
		}
		t.Run(sp.Name, func(t *testing.T) {
			d := ocrOf(t, g, sp.Data)
			if d["documentNumber"] != w.doc || d["fullNameAr"] != w.ar || d["nationality"] != w.nat ||
				!strings.HasPrefix(d["birthdate"].(string), w.birth) {
				t.Fatalf("OCR = %v %v %v %v, want %+v", d["documentNumber"], d["fullNameAr"], d["nationality"], d["birthdate"], w)
			}
			lines := strings.Split(d["visualZone"].(string), "\n")
			if !validTD3(lines) {
				t.Fatalf("visualZone %q is not a valid TD3 MRZ", lines)
			}
			if strings.TrimRight(lines[1][0:9], "<") != w.doc || lines[1][10:13] != w.nat {
				t.Fatalf("MRZ %q disagrees with the printed fields", lines[1])
			}
			if !strings.Contains(lines[0], strings.ReplaceAll(d["familyNameEn"].(string), " ", "<")) {
				t.Fatalf("MRZ names %q lack surname %v", lines[0], d["familyNameEn"])
			}
			photo, err := base64.StdEncoding.DecodeString(d["photo"].(string))
			if err != nil {
				t.Fatalf("photo is not base64: %v", err)
			}
			if _, err := png.Decode(bytes.NewReader(photo)); err != nil {
				t.Fatalf("photo is not a PNG: %v", err)
			}
		})
	}
}

func TestTinySpecimenIsTooSmallToRead(t *testing.T) {
	g := newRig(t, Options{})
	tok := g.openVerified("DEMO-HAPPY")
	ans := g.upload(tok, specimen(t, "passport-omar-tiny-specimen.jpg")).obj(t)
	if ans["isSuccess"] != false || !strings.Contains(ans["message"].(string), "too small") {
		t.Fatalf("upload of the 400 px specimen = %v, want a too-small failure", ans)
	}
}

// photoOf makes a real JPEG or PNG that is not a specimen: a gradient seeded by n.
func photoOf(t *testing.T, n int, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 800, 560))
	for y := 0; y < 560; y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < 800; x++ {
			copy(row[4*x:], []byte{uint8(x + n), uint8(y * n), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestOtherImagesGetAStablePersonaFromTheirHash(t *testing.T) {
	g := newRig(t, Options{})
	a, b := photoOf(t, 1, "jpeg"), photoOf(t, 2, "png")
	first, again, other := ocrOf(t, g, a), ocrOf(t, g, a), ocrOf(t, g, b)
	for _, k := range []string{"documentNumber", "fullNameAr", "fullNameEn", "birthdate", "visualZone"} {
		if first[k] != again[k] {
			t.Errorf("%s changed between uploads of the same image: %v vs %v", k, first[k], again[k])
		}
	}
	if first["documentNumber"] == other["documentNumber"] {
		t.Errorf("two different images read the same document number %v", first["documentNumber"])
	}
	for _, d := range []map[string]any{first, other} {
		if !validTD3(strings.Split(d["visualZone"].(string), "\n")) {
			t.Errorf("hash persona MRZ %q is not valid", d["visualZone"])
		}
		if checkArabicName(d["fullNameAr"].(string)) != "" {
			t.Errorf("hash persona Arabic name %q breaks the SDK's rules", d["fullNameAr"])
		}
	}
	if sum := sha256.Sum256(a); first["customerId"] != "CUST-"+strings.ToUpper(hexOf(sum[:4])) {
		t.Errorf("customerId %v is not derived from the hash", first["customerId"])
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for _, c := range b {
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&15])
	}
	return s.String()
}

func TestWriteSpecimensWritesEveryImage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "specimens")
	paths, err := WriteSpecimens(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(Specimens()) {
		t.Fatalf("wrote %d files for %d specimens", len(paths), len(Specimens()))
	}
	for i, p := range paths {
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, Specimens()[i].Data) || filepath.Base(p) != Specimens()[i].Name {
			t.Fatalf("%s: %v, or its bytes differ from the embedded specimen", p, err)
		}
	}
}

func TestSpecimensDownloadFromTheServer(t *testing.T) {
	g := newRig(t, Options{})
	for _, sp := range Specimens() {
		r := g.do("GET", "/specimens/"+sp.Name, "", nil)
		wantStatus(t, sp.Name, r, 200)
		if !bytes.Equal(r.body, sp.Data) || !strings.HasPrefix(r.header.Get("Content-Type"), "image/") {
			t.Fatalf("%s: downloaded %d bytes of %s", sp.Name, len(r.body), r.header.Get("Content-Type"))
		}
	}
	wantStatus(t, "unknown specimen", g.do("GET", "/specimens/nobody.jpg", "", nil), 404)
}

func TestIndexPageListsScenariosCredentialsAndSpecimens(t *testing.T) {
	g := newRig(t, Options{})
	r := g.do("GET", "/", "", nil)
	wantStatus(t, "index", r, 200)
	page := string(r.body)
	musts := []string{TenantID, TenantSecret, Password, "أمينة خالد المنصوري"}
	for _, sc := range Scenarios() {
		musts = append(musts, sc.ApplicantID, sc.Name)
	}
	for _, sp := range Specimens() {
		musts = append(musts, "/specimens/"+sp.Name)
	}
	for _, m := range musts {
		if !strings.Contains(page, m) {
			t.Errorf("index page lacks %q", m)
		}
	}
}

func TestIndexPageNeverShowsAnOperatorsPassword(t *testing.T) {
	g := newRig(t, Options{Password: "Operator-Chosen-42"})
	r := g.do("GET", "/", "", nil)
	if strings.Contains(string(r.body), "Operator-Chosen-42") {
		t.Fatal("the index page shows a password set through Options")
	}
}
