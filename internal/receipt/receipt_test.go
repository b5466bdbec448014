package receipt

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/checks"
	"example.com/passport-update/api/mrz"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// faceJPEG is a real JPEG (a 48×64 gradient), base64 as the server sends the photo.
func faceJPEG(t testing.TB) string {
	img := image.NewRGBA(image.Rect(0, 0, 48, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 48; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 5), uint8(y * 4), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

func approval(t testing.TB) (Receipt, api.PassportData) {
	age := 38
	photo := faceJPEG(t)
	l1, l2 := mrz.Compose(mrz.TD3{DocumentCode: "P", IssuingState: "EGY", Surname: "HASSAN",
		GivenNames: "MOHAMED AHMED", DocumentNumber: "A12345678", Nationality: "EGY", BirthDate: "880314",
		Sex: "M", ExpiryDate: "310509"})
	d := api.PassportData{
		Source: "passportData", FirstNameEn: "Mohamed Ahmed", FamilyNameEn: "Hassan",
		FullNameAr: "مُحَمَّد أَحْمَد حَسَن", DocumentCode: "P", DocumentNumber: "A12345678",
		IssuingAuthority: "EGY", Nationality: "EGY",
		IssueDate:      api.Date{Year: 2024, Month: time.May, Day: 10},
		ExpirationDate: api.Date{Year: 2031, Month: time.May, Day: 9},
		Birthdate:      api.Date{Year: 1988, Month: time.March, Day: 14},
		Gender:         "M", DetectedGender: "Male", DetectedAge: &age,
		VisualZone: l1 + "\n" + l2,
		Photo:      photo, IDFrontScan: photo, IDBackScan: photo[:200],
	}
	sent := "محمد أحمد حسن"
	r := Receipt{
		Tool: "passport-update 1.0.0", Operator: "amal.hassan", Host: "branch-cairo-07", ApplicantID: "APP-1001", Outcome: Approved,
		ImageName: "passport-hassan.jpg", ImageSize: 184_220, ImageSHA256: strings.Repeat("ab", 32),
		Extracted:   FromPassport(d),
		Corrections: []Correction{{Field: "FullNameAr", Original: "محمد احمد حسن", Corrected: sent}},
		Findings: []checks.Finding{{Field: "ExpirationDate", Severity: checks.Warning, Code: "passport-expiring",
			Sentence: "The passport expires on 2027-01-15, in 50 days — the customer may need a new one soon."}},
		FullNameAr: &sent,
		StartedAt:  time.Date(2026, 11, 26, 9, 28, 41, 0, time.UTC),
		FinishedAt: time.Date(2026, 11, 26, 9, 30, 12, 500_000_000, time.UTC),
		Timings:    map[string]time.Duration{"upload": 1200 * time.Millisecond, "ocr": 4 * time.Second, "approve": 310 * time.Millisecond},
	}
	return r, d
}

func TestWriteCreatesAPrivateFileInAPrivateFolder(t *testing.T) {
	r, _ := approval(t)
	dir := filepath.Join(t.TempDir(), "receipts", "2026")
	path, err := Write(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, filepath.Dir(dir)} {
		info, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o700 {
			t.Errorf("folder %s has mode %o, want 700", filepath.Base(d), perm)
		}
	}
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Mode().IsRegular() || info.Mode().Perm() != 0o600 {
		t.Errorf("receipt has mode %v, want a regular file with 600", info.Mode())
	}
	if got := filepath.Base(path); got != "passport-update-20261126T093012Z-APP-1001.json" {
		t.Errorf("receipt named %q", got)
	}
}

func TestWriteKeepsNoImageBytes(t *testing.T) {
	r, d := approval(t)
	path, err := Write(t.TempDir(), r)
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Any 40 characters of the photo's base64 would be image bytes.
	for i := 0; i+40 <= len(d.Photo); i += 40 {
		if bytes.Contains(body, []byte(d.Photo[i:i+40])) {
			t.Fatalf("receipt holds photo bytes at base64 offset %d", i)
		}
	}
	if !bytes.Contains(body, []byte(`"hasPhoto": true`)) || !bytes.Contains(body, []byte(`"hasIdBackScan": true`)) {
		t.Errorf("receipt does not say that a photo and scans were sent:\n%s", body)
	}
	if len(body) > 8<<10 {
		t.Errorf("receipt is %d bytes; without images it should be small", len(body))
	}
}

func TestWriteNeverOverwrites(t *testing.T) {
	r, _ := approval(t)
	dir := t.TempDir()
	taken := filepath.Join(dir, FileName(r))
	if err := os.WriteFile(taken, []byte("an earlier receipt\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	first, err := Write(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Write(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	if first == taken || second == taken || first == second {
		t.Fatalf("paths %s, %s over %s", first, second, taken)
	}
	if !strings.HasSuffix(first, "-APP-1001-2.json") || !strings.HasSuffix(second, "-APP-1001-3.json") {
		t.Errorf("suffixes: %s, %s", filepath.Base(first), filepath.Base(second))
	}
	if b, _ := os.ReadFile(taken); string(b) != "an earlier receipt\n" {
		t.Errorf("the earlier receipt was changed to %q", b)
	}
}

func TestWriteRefusesToFollowAPlantedSymlink(t *testing.T) {
	r, _ := approval(t)
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.Symlink(target, filepath.Join(dir, FileName(r))); err != nil {
		t.Skip("no symlinks here:", err)
	}
	path, err := Write(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Errorf("Write followed the symlink to %s (stat: %v)", target, err)
	}
	if filepath.Base(path) == FileName(r) {
		t.Errorf("Write used the symlink's name %s", path)
	}
}

func TestWriteSaysWhyWhenTheFolderCannotBeMade(t *testing.T) {
	r, _ := approval(t)
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Write(filepath.Join(file, "receipts"), r)
	if err == nil || !strings.Contains(err.Error(), "receipt: create folder") {
		t.Errorf("Write under a file: %v", err)
	}
	if _, err := Write("", r); err == nil || !strings.Contains(err.Error(), "no folder") {
		t.Errorf("Write with no folder: %v", err)
	}
}

func TestReceiptRoundTripsThroughJSON(t *testing.T) {
	r, _ := approval(t)
	path, err := Write(t.TempDir(), r)
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var back Receipt
	if err := json.Unmarshal(body, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("round trip changed the receipt\n got %+v\nwant %+v", back, r)
	}
}

func TestReceiptJSONMatchesGolden(t *testing.T) {
	r, _ := approval(t)
	path, err := Write(t.TempDir(), r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "receipt.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("receipt differs from %s (run with -update if the change is meant):\n%s", golden, got)
	}
}

func TestFromPassportWritesDatesAsCalendarDates(t *testing.T) {
	_, d := approval(t)
	e := FromPassport(d)
	if e.Birthdate != "1988-03-14" || e.ExpirationDate != "2031-05-09" || e.IssueDate != "2024-05-10" {
		t.Errorf("dates: %q %q %q", e.Birthdate, e.ExpirationDate, e.IssueDate)
	}
	if FromPassport(api.PassportData{}).Birthdate != "" {
		t.Error("an absent date is not empty")
	}
	*d.DetectedAge = 99
	if *e.DetectedAge != 38 {
		t.Error("Extracted shares the caller's DetectedAge pointer")
	}
}

func TestFileNameIsSafeAndSaysWhoseReceiptItIs(t *testing.T) {
	at := time.Date(2026, 11, 26, 12, 0, 0, 0, time.FixedZone("AST", 3*3600))
	for _, tc := range []struct {
		name      string
		doc, appl string
		want      string
	}{
		{"the applicant, never the passport number", "A12345678", "APP-1", "passport-update-20261126T090000Z-APP-1.json"},
		{"the applicant when OCR read no number", "", "APP-1001", "passport-update-20261126T090000Z-APP-1001.json"},
		{"path and escape characters removed", "", "../A12/34 5\x1b[31m", "passport-update-20261126T090000Z-A12_34_5_31m.json"},
		{"Arabic digits and letters removed", "", "جواز", "passport-update-20261126T090000Z-receipt.json"},
		{"nothing to name it by", "A12345678", "", "passport-update-20261126T090000Z-receipt.json"},
		{"long IDs cut", "", strings.Repeat("9", 60), "passport-update-20261126T090000Z-" + strings.Repeat("9", 40) + ".json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Receipt{ApplicantID: tc.appl, Extracted: Extracted{DocumentNumber: tc.doc}, FinishedAt: at}
			if got := FileName(r); got != tc.want {
				t.Errorf("FileName = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWriteWorksWhereTheFolderExists(t *testing.T) {
	r, _ := approval(t)
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	// An existing folder is the user's: Write does not change its mode.
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o750 {
		t.Errorf("existing folder mode changed to %v", info.Mode().Perm())
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Fatalf("folder holds %d entries (%v)", len(entries), err)
	}
	if info, _ := entries[0].Info(); info.Mode().Type() != 0 || info.Mode().Perm() != fs.FileMode(0o600) {
		t.Errorf("receipt mode %v", info.Mode())
	}
}

func TestWriteListsNoCorrectionsAsAnEmptyList(t *testing.T) {
	r, _ := approval(t)
	r.Corrections, r.Findings = nil, nil
	path, err := Write(t.TempDir(), r)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := os.ReadFile(path)
	if !bytes.Contains(body, []byte(`"corrections": []`)) || !bytes.Contains(body, []byte(`"findings": []`)) {
		t.Errorf("empty lists not written as []:\n%s", body)
	}
}

// A field added to api.PassportData must be added to Extracted too (or listed here as image
// bytes), or receipts silently lose it.
func TestExtractedMirrorsEveryPassportDataField(t *testing.T) {
	images := map[string]string{"Photo": "HasPhoto", "IDFrontScan": "HasIDFrontScan", "IDBackScan": "HasIDBackScan"}
	ext := reflect.TypeOf(Extracted{})
	pd := reflect.TypeOf(api.PassportData{})
	for i := 0; i < pd.NumField(); i++ {
		name := pd.Field(i).Name
		if flag, ok := images[name]; ok {
			name = flag
		}
		if _, ok := ext.FieldByName(name); !ok {
			t.Errorf("api.PassportData.%s has no place in Extracted", pd.Field(i).Name)
		}
	}
	if ext.NumField() != pd.NumField() {
		t.Errorf("Extracted has %d fields, PassportData %d", ext.NumField(), pd.NumField())
	}
}

func TestFromPassportCopiesEveryTextField(t *testing.T) {
	var d api.PassportData
	v := reflect.ValueOf(&d).Elem()
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.String {
			f.SetString("value of " + v.Type().Field(i).Name)
		}
	}
	e := reflect.ValueOf(FromPassport(d))
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		if v.Field(i).Kind() != reflect.String || name == "Photo" || name == "IDFrontScan" || name == "IDBackScan" {
			continue
		}
		if got := e.FieldByName(name); !got.IsValid() || got.String() != "value of "+name {
			t.Errorf("Extracted.%s = %v", name, got)
		}
	}
}

// hostileName is a file name as a shared scan folder may hold it: a line break, an escape sequence
// that would recolour a terminal, and U+202E, which reverses what follows ("gpj.exe" reads
// "exe.jpg").
const hostileName = "scan\nof\x1b[31mthe\u202egpj.exe.jpg"

// terminalUnsafe lists the characters a file read with cat must not carry raw: C0 and C1
// controls, DEL, and the bidi controls.
func terminalUnsafe(s string) []rune {
	var found []rune
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x061c || r == 0x200e || r == 0x200f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			found = append(found, r)
		}
	}
	return found
}

func TestWriteKeepsControlAndBidiCharactersOutOfTheTextPeopleRead(t *testing.T) {
	for _, tc := range []struct {
		name  string
		set   func(*Receipt)
		field func(Receipt) string
	}{
		{"the image name", func(r *Receipt) { r.ImageName = hostileName }, func(r Receipt) string { return r.ImageName }},
		{"the applicant ID", func(r *Receipt) { r.ApplicantID = "APP\u202e1001\x1b]52;c;aGk=\x07" }, func(r Receipt) string { return r.ApplicantID }},
		{"a finding's sentence", func(r *Receipt) { r.Findings[0].Sentence = "Expired on \u202e2020-01-01\u009b31m." },
			func(r Receipt) string { return r.Findings[0].Sentence }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := approval(t)
			tc.set(&r)
			path, err := Write(t.TempDir(), r)
			if err != nil {
				t.Fatal(err)
			}
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if bad := terminalUnsafe(strings.ReplaceAll(string(body), "\n", "")); len(bad) > 0 {
				t.Errorf("the file carries %q raw; cat would send it to the terminal", bad)
			}
			var back Receipt
			if err := json.Unmarshal(body, &back); err != nil {
				t.Fatal(err)
			}
			got := tc.field(back)
			if bad := terminalUnsafe(got); len(bad) > 0 {
				t.Errorf("%s reads back as %q, holding %q", tc.name, got, bad)
			}
			if got == "" {
				t.Errorf("%s was dropped instead of cleaned", tc.name)
			}
		})
	}
}

func TestWriteNamesTheImageAsTheScreensShowIt(t *testing.T) {
	r, _ := approval(t)
	r.ImageName = hostileName
	path, err := Write(t.TempDir(), r)
	if err != nil {
		t.Fatal(err)
	}
	var back Receipt
	body, _ := os.ReadFile(path)
	if err := json.Unmarshal(body, &back); err != nil {
		t.Fatal(err)
	}
	// The picker and the Upload screen draw the name escaped: every control and bidi control is
	// spelled out, so the name read with cat is the one seen on the screen.
	if want := `scan\x0aof\x1b[31mthe\u202egpj.exe.jpg`; back.ImageName != want {
		t.Errorf("imageName %q, want %q", back.ImageName, want)
	}
}

func TestWritableSaysWhetherReceiptsCanBeKept(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "not-a-folder")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(base, "read-only")
	if err := os.Mkdir(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir string
		ok        bool
		rootSkips bool // root writes into a 0500 folder anyway
	}{
		{"an existing folder", base, true, false},
		{"a folder still to be made", filepath.Join(base, "receipts", "2026"), true, false},
		{"a path through a file", filepath.Join(file, "receipts"), false, false},
		{"a file", file, false, false},
		{"a read-only folder", readOnly, false, true},
		{"no folder", "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.rootSkips && os.Geteuid() == 0 {
				t.Skip("root may write into a read-only folder")
			}
			err := Writable(tc.dir)
			if (err == nil) != tc.ok {
				t.Fatalf("Writable(%q) = %v, want ok %v", tc.dir, err, tc.ok)
			}
			if !tc.ok {
				return
			}
			entries, err := os.ReadDir(tc.dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".passport-update-check") {
					t.Errorf("the check left %s behind", e.Name())
				}
			}
			if st, _ := os.Stat(tc.dir); st.Mode().Perm()&0o077 != 0 && tc.dir != base {
				t.Errorf("a folder made for receipts has mode %v, want 0700", st.Mode().Perm())
			}
		})
	}
}
