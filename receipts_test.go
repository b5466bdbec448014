package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/passport-update/api/checks"
	"example.com/passport-update/internal/receipt"
	"example.com/passport-update/tui/arabic"
)

// cairo is the branch's local time in these tests: a case at 00:30 on 26 November in Cairo is
// 22:30 UTC on the 25th, and is listed on the 26th.
var cairo = time.FixedZone("EET", 2*60*60)

func inCairo(t *testing.T) {
	t.Helper()
	old := time.Local
	time.Local = cairo
	t.Cleanup(func() { time.Local = old })
}

func at(day, hour, minute int) time.Time { return time.Date(2026, 11, day, hour, minute, 0, 0, cairo) }

const (
	aminaSent = "أمينة خالد الحسيني"
	mohamedAr = "مُحَمَّد أَحْمَد حَسَن" // with harakat: fewer cells than runes
)

// aDay is 26 November 2026 at one branch: every outcome, a receipt from before the outcome was
// called "refused", a case from the day before, and the files a folder collects that are not
// receipts. It returns the folder and the names of the files that are not receipts.
func aDay(t *testing.T) (dir string, foreign []string) {
	t.Helper()
	dir = t.TempDir()
	write := func(r receipt.Receipt) {
		t.Helper()
		if r.Tool == "" {
			r.Tool = "passport-update 1.4.0"
		}
		r.StartedAt = r.FinishedAt.Add(-3 * time.Minute)
		if _, err := receipt.Write(dir, r); err != nil {
			t.Fatal(err)
		}
	}
	name := func(s string) *string { return &s }
	write(receipt.Receipt{Operator: "amal.hassan", Host: "branch-cairo-07", ApplicantID: "DEMO-HAPPY", Outcome: receipt.Approved,
		Extracted:   receipt.Extracted{DocumentNumber: "A1234567", FullNameAr: "امينة خالد الحسيني"},
		Corrections: []receipt.Correction{{Field: "FullNameAr", Original: "امينة خالد الحسيني", Corrected: aminaSent}},
		FullNameAr:  name(aminaSent), FinishedAt: at(26, 9, 30)})
	write(receipt.Receipt{Operator: "سارة.م", Host: "branch-cairo-07", ApplicantID: "DEMO-EXPIRED", Outcome: receipt.Abandoned,
		Extracted:  receipt.Extracted{DocumentNumber: "B7654321", FullNameAr: mohamedAr},
		Findings:   []checks.Finding{{Field: "ExpirationDate", Severity: checks.Problem, Code: "passport-expired"}},
		FinishedAt: at(26, 10, 15)})
	write(receipt.Receipt{Operator: "amal.hassan", Host: "branch-cairo-07", ApplicantID: "DEMO-MRZ", Outcome: receipt.Unknown,
		Extracted: receipt.Extracted{DocumentNumber: "C1112223", FullNameAr: "خالد عمر"},
		Findings: []checks.Finding{{Field: "DocumentNumber", Code: "mrz-check-digit"}, {Field: "Birthdate", Code: "mrz-check-digit"},
			{Field: "Gender", Code: "mrz-mismatch"}},
		Corrections: []receipt.Correction{{Field: "Birthdate", Original: "1990-01-01", Corrected: "1990-01-10"}, {Field: "Gender", Original: "F", Corrected: "M"}},
		FullNameAr:  name("خالد عمر"), FinishedAt: at(26, 11, 5)})
	write(receipt.Receipt{Operator: "amal.hassan", Host: "branch-cairo-07", ApplicantID: "APP-2077", Outcome: receipt.Refused,
		Extracted: receipt.Extracted{DocumentNumber: "D9990001", FullNameAr: "ليلى"}, FullNameAr: name("ليلى"), FinishedAt: at(26, 12, 40)})
	write(receipt.Receipt{Operator: "amal.hassan", ApplicantID: "APP-0001", Outcome: "failed", // before "refused"
		Extracted: receipt.Extracted{DocumentNumber: "E0000001"}, FinishedAt: at(26, 0, 30)})
	write(receipt.Receipt{Operator: "amal.hassan", ApplicantID: "APP-YESTERDAY", Outcome: receipt.Approved, FinishedAt: at(25, 23, 59)})

	for file, body := range map[string]string{
		"passport-update-20261126T080000Z-CUT.json":   `{"tool": "passport-update 1.4.0", "operator": "amal.hassan", "outcome": "appr`,
		"passport-update-20261126T080100Z-OTHER.json": `{"invoice": 42, "total": "EGP 300"}`,
		"notes.txt": "ask Amal about the 11:05 customer\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		foreign = append(foreign, file)
	}
	if err := os.Mkdir(filepath.Join(dir, "2025"), 0o700); err != nil {
		t.Fatal(err)
	}
	foreign = append(foreign, "2025")
	// A link named like a receipt is not followed (it could lead to a pipe, which would block).
	if err := os.Symlink("notes.txt", filepath.Join(dir, "passport-update-20261126T080200Z-LINK.json")); err == nil {
		foreign = append(foreign, "passport-update-20261126T080200Z-LINK.json")
	}
	return dir, foreign
}

// folderState is everything about a folder a listing could change: names, modes, sizes,
// modification times and contents.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		sum := [32]byte{}
		if info.Mode().IsRegular() {
			body, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum = sha256.Sum256(body)
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + info.Mode().String() + " " + info.ModTime().String() + " " + string(sum[:]) + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func receipts(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = realMain(context.Background(), append([]string{"receipts"}, args...), envOf(env), strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestReceiptsListsTheDayUnknownFirst: the day's cases in a table, the unknown outcome first and
// marked for the back office, the others by time; totals per outcome; every file that is not a
// receipt named on stderr; and the folder exactly as it was, whatever the format.
func TestReceiptsListsTheDayUnknownFirst(t *testing.T) {
	inCairo(t)
	dir, foreign := aDay(t)
	before := folderState(t, dir)

	out, errOut, code := receipts(t, nil, "--dir", dir, "--since", "2026-11-26", "--until", "2026-11-26")
	if code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	var rows []string
	for _, l := range lines {
		if strings.Contains(l, "DEMO-") || strings.Contains(l, "APP-") {
			rows = append(rows, l)
		}
	}
	want := []struct{ applicant, outcome string }{
		{"DEMO-MRZ", "unknown"}, {"APP-0001", "refused"}, {"DEMO-HAPPY", "approved"},
		{"DEMO-EXPIRED", "abandoned after upload"}, {"APP-2077", "refused"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d (the 25th's case is not listed):\n%s", len(rows), len(want), out)
	}
	for i, w := range want {
		if !strings.Contains(rows[i], w.applicant) || !strings.Contains(rows[i], w.outcome) {
			t.Errorf("row %d is %q, want %s %s", i+1, rows[i], w.applicant, w.outcome)
		}
		if marked := strings.HasPrefix(rows[i], "!"); marked != (w.outcome == "unknown") {
			t.Errorf("row %d marked %v for the back office: %q", i+1, marked, rows[i])
		}
	}
	for _, w := range []string{
		"00:30", "2: Birthdate, Gender", "3: mrz-check-digit ×2, mrz-mismatch", "1: passport-expired", "1: FullNameAr",
		aminaSent, mohamedAr, "B7654321", "check the customer's record in the back office",
		"Totals: 1 unknown, 1 approved, 2 refused, 1 abandoned after upload; 5 customers.",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("the table lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "APP-YESTERDAY") {
		t.Errorf("the 25th's case is listed for the 26th:\n%s", out)
	}
	for _, f := range foreign {
		if !strings.Contains(errOut, "skipped "+f+": ") {
			t.Errorf("stderr does not name %s:\n%s", f, errOut)
		}
	}
	if n := strings.Count(errOut, "\n"); n != len(foreign) {
		t.Errorf("%d warnings for %d files that are not receipts:\n%s", n, len(foreign), errOut)
	}
	for _, w := range []string{"CUT.json: not JSON", "OTHER.json: JSON, but not a passport-update receipt", "notes.txt: not named as a receipt", "2025: a folder", "LINK.json: not a regular file"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr does not say %q:\n%s", w, errOut)
		}
	}

	for _, format := range []string{"csv", "json"} {
		if _, errOut, code := receipts(t, nil, "--dir", dir, "--since", "2026-11-26", "--until", "2026-11-26", "--format", format); code != exitOK {
			t.Fatalf("--format %s: exit %d; stderr: %s", format, code, errOut)
		}
	}
	if after := folderState(t, dir); after != before {
		t.Errorf("listing changed the folder:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// TestReceiptsTableKeepsColumnsAlignedWithArabic: columns are measured in cells, so an Arabic
// operator's name (and harakat, which take no cell) moves no column; the Arabic name is the last
// column, so a terminal that reorders it moves nothing else.
func TestReceiptsTableKeepsColumnsAlignedWithArabic(t *testing.T) {
	inCairo(t)
	dir, _ := aDay(t)
	out, _, _ := receipts(t, nil, "--dir", dir, "--since", "2026-11-26", "--until", "2026-11-26", "--rtl", "app")
	var header string
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(l, "TIME"):
			header = l
		case strings.Contains(l, "DEMO-") || strings.Contains(l, "APP-"):
			rows = append(rows, l)
		}
	}
	column := func(line, cell string) int { return arabic.Width(line[:strings.Index(line, cell)]) }
	for _, col := range []struct{ name, first string }{{"OUTCOME", "unknown"}, {"DOCUMENT", "C1112223"}, {"ARABIC NAME", "خالد عمر"}} {
		want := column(header, col.name)
		for _, r := range rows {
			if !strings.Contains(r, "DEMO-MRZ") {
				continue
			}
			if got := column(r, col.first); got != want {
				t.Errorf("%s starts at cell %d under a header at %d:\n%s\n%s", col.name, got, want, header, r)
			}
		}
	}
	for _, r := range rows {
		if strings.Contains(r, "DEMO-EXPIRED") && column(r, "B7654321") != column(header, "DOCUMENT") {
			t.Errorf("the Arabic operator's row is out of line:\n%s\n%s", header, r)
		}
	}
	// Written to a file or a pipe (as here), the names stay in logical order whatever --rtl says.
	if !strings.Contains(out, mohamedAr) {
		t.Errorf("the name is not in logical order in a file:\n%s", out)
	}
}

// TestReceiptsCSVOpensInASpreadsheet: a byte-order mark, then RFC 4180 with CRLF; encoding/csv
// reads it back with the Arabic name exactly as stored, one row per case, unknown first.
func TestReceiptsCSVOpensInASpreadsheet(t *testing.T) {
	inCairo(t)
	dir, _ := aDay(t)
	out, _, code := receipts(t, nil, "--dir", dir, "--since", "2026-11-26", "--until", "2026-11-26", "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	body, ok := strings.CutPrefix(out, "\uFEFF")
	if !ok {
		t.Fatalf("no byte-order mark: %q", out[:min(len(out), 20)])
	}
	if strings.Count(body, "\r\n") != strings.Count(body, "\n") {
		t.Errorf("line ends are not all CRLF")
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 6 || records[0][0] != "Time" || records[0][11] != "Arabic name" {
		t.Fatalf("%d records, header %v", len(records), records[0])
	}
	first := records[1]
	if first[3] != "DEMO-MRZ" || first[4] != "unknown" || first[5] != "yes" || first[0] != "2026-11-26 11:05:00" {
		t.Errorf("first row %v, want the unknown case at 11:05 marked for the back office", first)
	}
	names := map[string]string{}
	for _, r := range records[1:] {
		names[r[3]] = r[11]
	}
	if names["DEMO-HAPPY"] != aminaSent || names["DEMO-EXPIRED"] != mohamedAr {
		t.Errorf("Arabic names read back as %q and %q", names["DEMO-HAPPY"], names["DEMO-EXPIRED"])
	}
	if first[6] != "2" || first[7] != "Birthdate; Gender" || first[8] != "3" || first[9] != "mrz-check-digit; mrz-check-digit; mrz-mismatch" {
		t.Errorf("corrections and checks %v", first[6:10])
	}
}

// A value that a spreadsheet would run as a formula is written as text.
func TestReceiptsCSVNeverCarriesAFormula(t *testing.T) {
	inCairo(t)
	dir := t.TempDir()
	if _, err := receipt.Write(dir, receipt.Receipt{Tool: "passport-update 1.4.0", Operator: "@amal", ApplicantID: "=HYPERLINK(\"http://x\",\"ok\")",
		Outcome: receipt.Abandoned, Extracted: receipt.Extracted{DocumentNumber: "+201001"}, FinishedAt: at(26, 9, 0)}); err != nil {
		t.Fatal(err)
	}
	out, _, _ := receipts(t, nil, "--dir", dir, "--since", "2026-11-26", "--until", "2026-11-26", "--format", "csv")
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(records) != 2 {
		t.Fatalf("%v %v", records, err)
	}
	if r := records[1]; r[1] != "'@amal" || r[3] != `'=HYPERLINK("http://x","ok")` || r[10] != "'+201001" {
		t.Errorf("row %q", r)
	}
}

func TestReceiptsJSONForScripts(t *testing.T) {
	inCairo(t)
	dir, foreign := aDay(t)
	out, _, code := receipts(t, nil, "--dir", dir, "--since", "2026-11-25", "--until", "2026-11-26", "--format", "json", "--operator", "AMAL.HASSAN")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Since, Until string
		Cases        []receipt.Case
		Totals       map[string]int
		Skipped      []struct{ File, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range got.Cases {
		order = append(order, c.ApplicantID)
	}
	// Two days, one operator (letter case ignored): سارة.م's case is left out.
	if strings.Join(order, " ") != "DEMO-MRZ APP-YESTERDAY APP-0001 DEMO-HAPPY APP-2077" {
		t.Errorf("cases %v", order)
	}
	if !got.Cases[0].NeedsCheck || got.Cases[0].At.Format(time.RFC3339) != "2026-11-26T11:05:00+02:00" {
		t.Errorf("first case %+v", got.Cases[0])
	}
	if want := map[string]int{"unknown": 1, "approved": 2, "refused": 2, "abandoned": 0}; !equalCounts(got.Totals, want) {
		t.Errorf("totals %v, want %v", got.Totals, want)
	}
	if len(got.Skipped) != len(foreign) {
		t.Errorf("skipped %v", got.Skipped)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// With no date the listing is today's, from the folder the wizard writes to.
func TestReceiptsListsTodayFromTheWizardsFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := receipt.Write(dir, receipt.Receipt{Tool: "passport-update 1.4.0", Operator: "amal.hassan", ApplicantID: "DEMO-HAPPY",
		Outcome: receipt.Approved, FinishedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := receipts(t, map[string]string{"PASSPORT_RECEIPT_DIR": dir})
	if code != exitOK || !strings.Contains(out, "DEMO-HAPPY") || !strings.Contains(out, time.Now().Format(time.DateOnly)) || errOut != "" {
		t.Fatalf("exit %d\n%s\nstderr: %s", code, out, errOut)
	}
}

func TestReceiptsRefusesAMistakeInASentence(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		say  string
	}{
		{"no folder", nil, nil, "give --dir DIR, or set PASSPORT_RECEIPT_DIR"},
		{"a folder that does not exist (flag)", nil, []string{"--dir", filepath.Join(dir, "nope")}, "(--dir) cannot be read (no such file or directory)"},
		{"a folder that does not exist (variable)", map[string]string{"PASSPORT_RECEIPT_DIR": filepath.Join(dir, "nope")}, nil, "(PASSPORT_RECEIPT_DIR) cannot be read"},
		{"a date in another form", nil, []string{"--dir", dir, "--since", "26/11/2026"}, `--since must be a date written YYYY-MM-DD, not "26/11/2026"`},
		{"a day that does not exist", nil, []string{"--dir", dir, "--until", "2026-02-30"}, "--until 2026-02-30 names no day"},
		{"the days the wrong way round", nil, []string{"--dir", dir, "--since", "2026-11-27", "--until", "2026-11-26"}, "--since (2026-11-27) is after --until (2026-11-26)"},
		{"an unknown format", nil, []string{"--dir", dir, "--format", "xlsx"}, `--format must be table, csv or json, not "xlsx"`},
		{"an unknown flag", nil, []string{"--bogus"}, "flag provided but not defined: -bogus; see passport-update receipts --help"},
		{"a secret flag", nil, []string{"--token", "x"}, "not accepted on the command line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := receipts(t, tc.env, tc.args...)
			if code != exitUsage || out != "" || !strings.Contains(errOut, tc.say) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line saying %q", code, out, errOut, tc.say)
			}
		})
	}
}
