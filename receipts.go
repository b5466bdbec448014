package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"example.com/passport-update/internal/receipt"
	"example.com/passport-update/tui/arabic"
)

// receiptsCommand lists the cases of a period (by default today) from the receipts folder, as a
// table for a person, CSV for a spreadsheet or JSON for a script. It only reads the folder.
func receiptsCommand(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	const command = "passport-update receipts"
	fs := newFlagSet(command)
	s := &settings{fs: fs, getenv: getenv}
	s.add("dir", "PASSPORT_RECEIPT_DIR", "", "the receipts folder (the wizard's --receipt folder)")
	s.add("since", "", "", "first day listed, YYYY-MM-DD, local time (default: today)")
	s.add("until", "", "", "last day listed, YYYY-MM-DD, local time, included (default: today)")
	s.add("operator", "", "", "only this operator's cases, letter case ignored (default: every operator; PASSPORT_OPERATOR is not read here)")
	s.add("format", "", "table", "table (for people), csv (for a spreadsheet: UTF-8 with a byte-order mark, CRLF) or json")
	s.add("rtl", "PASSPORT_RTL", "", "Arabic names in the table: terminal, app or off (default: guessed from the terminal)")
	usage := func() {
		fmt.Fprint(stderr, `Usage: passport-update receipts [--dir DIR] [--since DATE] [--until DATE] [--operator NAME] [--format table|csv|json]

Lists the cases in the receipts folder: one line per customer whose scan was uploaded, with the
time, operator, applicant ID, outcome (approved, unknown, refused, abandoned after upload), the
corrections made, the checks raised, the document number and the Arabic name; unknown outcomes
first (check them in the back office before approving again), totals per outcome at the end.
A file in the folder that is not a receipt is named on stderr and skipped; nothing in the folder
is changed. Exit codes: 0 listed, 2 usage (a bad flag, no folder, a folder that cannot be read),
7 the listing could not be written out.

Flags:
`)
		s.usage(stderr)
	}
	usageError := func(msg string) int {
		fmt.Fprintln(stderr, command+":", msg)
		return exitUsage
	}
	if err := fs.Parse(args); err != nil {
		return flagError(command, err, usage, stderr)
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("unexpected %q; see %s --help.", fs.Arg(0), command))
	}
	dir := s.get("dir")
	if dir == "" {
		return usageError("No receipts folder: give --dir DIR, or set PASSPORT_RECEIPT_DIR to the folder the wizard writes receipts to (--receipt).")
	}
	today := time.Now().Format(time.DateOnly)
	since, err := day(s.origin("since"), firstNonEmpty(s.get("since"), today))
	if err != nil {
		return usageError(err.Error())
	}
	until, err := day(s.origin("until"), firstNonEmpty(s.get("until"), today))
	if err != nil {
		return usageError(err.Error())
	}
	if until.Before(since) {
		return usageError(fmt.Sprintf("--since (%s) is after --until (%s).", since.Format(time.DateOnly), until.Format(time.DateOnly)))
	}
	format := strings.ToLower(s.get("format"))
	if format != "table" && format != "csv" && format != "json" {
		return usageError(fmt.Sprintf("--format must be table, csv or json, not %q.", s.get("format")))
	}
	mode := arabic.GuessMode(getenv)
	if v := s.get("rtl"); v != "" {
		if mode, err = arabic.ParseMode(v); err != nil {
			return usageError(fmt.Sprintf("%s must be terminal, app or off, not %q.", s.origin("rtl"), v))
		}
	}
	if !isTerminal(stdout) {
		mode = arabic.ModeTerminal // a file or a pipe gets the names in logical order, as stored
	}

	p := period{dir: dir, since: since, until: until, operator: s.get("operator")}
	l, err := receipt.List(dir, receipt.Filter{From: since, To: until.AddDate(0, 0, 1), Operator: p.operator})
	if err != nil {
		return usageError(fmt.Sprintf("The receipts folder %s (%s) cannot be read (%v).", dir, s.origin("dir"), pathReason(err)))
	}
	for _, sk := range l.Skipped {
		fmt.Fprintf(stderr, "%s: skipped %s: %s.\n", command, sk.File, sk.Reason)
	}
	switch format {
	case "csv":
		err = writeCasesCSV(stdout, l)
	case "json":
		err = writeCasesJSON(stdout, p, l)
	default:
		err = writeCasesTable(stdout, p, l, mode)
	}
	if err != nil {
		fmt.Fprintln(stderr, command+":", err)
		return exitServer // as run says a failure that is not the caller's
	}
	return exitOK
}

// period is what was asked for, as the table's title and the JSON say it.
type period struct {
	dir          string
	since, until time.Time // local midnights; until is included
	operator     string
}

var dayPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// day reads a date given by setting: local midnight of YYYY-MM-DD.
func day(setting, v string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, v, time.Local)
	switch {
	case err == nil:
		return d, nil
	case dayPattern.MatchString(v):
		return time.Time{}, fmt.Errorf("%s %s names no day in the calendar.", setting, v)
	}
	return time.Time{}, fmt.Errorf("%s must be a date written YYYY-MM-DD, not %q.", setting, v)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// outcomeOrder is the order of outcomes in totals: the one that needs a person first.
var outcomeOrder = []string{receipt.Unknown, receipt.Approved, receipt.Refused, receipt.Abandoned}

// outcomeWords is an outcome as the table says it.
func outcomeWords(o string) string {
	if o == receipt.Abandoned {
		return "abandoned after upload"
	}
	return o
}

// totals are the counts per outcome: the four this version writes, always, then any other a
// receipt holds.
func totals(l receipt.Listing) []outcomeCount {
	var out []outcomeCount
	known := map[string]bool{}
	for _, o := range outcomeOrder {
		known[o] = true
		out = append(out, outcomeCount{o, l.Totals[o]})
	}
	var other []string
	for o := range l.Totals {
		if !known[o] {
			other = append(other, o)
		}
	}
	sort.Strings(other)
	for _, o := range other {
		out = append(out, outcomeCount{o, l.Totals[o]})
	}
	return out
}

type outcomeCount struct {
	outcome string
	n       int
}

// listOf is a count and the items: "0", or "2: FullNameAr, Birthdate" (a repeated item once,
// with its count: "mrz-mismatch ×3").
func listOf(items []string) string {
	if len(items) == 0 {
		return "0"
	}
	var order []string
	seen := map[string]int{}
	for _, it := range items {
		if seen[it] == 0 {
			order = append(order, it)
		}
		seen[it]++
	}
	for i, it := range order {
		if seen[it] > 1 {
			order[i] = it + " ×" + strconv.Itoa(seen[it])
		}
	}
	return strconv.Itoa(len(items)) + ": " + strings.Join(order, ", ")
}

// writeCasesTable draws the cases for a person in a terminal. Columns are measured in cells
// (arabic.Width, after arabic.Visible), so Arabic text, harakat and wide characters keep them
// aligned. The Arabic name is the last column: a terminal that reorders right-to-left text (or app
// mode, which reorders it here) moves letters only inside it, never the columns before it.
func writeCasesTable(w io.Writer, p period, l receipt.Listing, mode arabic.Mode) error {
	days := p.since.Format(time.DateOnly)
	if !p.until.Equal(p.since) {
		days += " to " + p.until.Format(time.DateOnly)
	}
	who := "every operator"
	if p.operator != "" {
		who = "operator " + arabic.Visible(p.operator)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Receipts in %s, %s (local time), %s\n\n", arabic.Visible(p.dir), days, who)
	timeLayout := "15:04"
	if !p.until.Equal(p.since) {
		timeLayout = "2006-01-02 15:04"
	}
	if len(l.Cases) == 0 {
		b.WriteString("No cases.\n")
	} else {
		rows := [][]string{{"", "TIME", "OPERATOR", "APPLICANT", "OUTCOME", "CORRECTIONS", "CHECKS", "DOCUMENT", "ARABIC NAME"}}
		for _, c := range l.Cases {
			mark := ""
			if c.NeedsCheck {
				mark = "!"
			}
			rows = append(rows, []string{mark, c.At.Local().Format(timeLayout), c.Operator, c.ApplicantID, outcomeWords(c.Outcome),
				listOf(c.Corrected), listOf(c.Checks), c.DocumentNumber, arabic.Display(arabic.Visible(c.FullNameAr), mode)})
		}
		writeColumns(&b, rows)
		if l.Totals[receipt.Unknown] > 0 {
			b.WriteString("\n! The approval was sent and no answer says whether it went through: check the customer's record in the back office before approving again.\n")
		}
	}
	var parts []string
	n := 0
	for _, t := range totals(l) {
		parts = append(parts, fmt.Sprintf("%d %s", t.n, outcomeWords(t.outcome)))
		n += t.n
	}
	fmt.Fprintf(&b, "\nTotals: %s; %d %s.\n", strings.Join(parts, ", "), n, plural(n, "customer", "customers"))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeColumns pads every cell but the last of each row to its column's width in cells.
func writeColumns(b *strings.Builder, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, cell := range r {
			r[i] = arabic.Visible(cell)
			widths[i] = max(widths[i], arabic.Width(r[i]))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, cell := range r {
			if i == len(r)-1 {
				line.WriteString(cell)
				break
			}
			line.WriteString(cell + strings.Repeat(" ", widths[i]-arabic.Width(cell)+2))
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// csvHeader names the CSV's columns; every row has all of them, and the file holds nothing but
// the header and one row per case (no totals row: a spreadsheet that sorts or filters the rows
// would mix it in with the cases; COUNTIF over the Outcome column gives the totals).
var csvHeader = []string{"Time", "Operator", "Host", "Applicant ID", "Outcome", "Back-office check",
	"Corrections", "Corrected fields", "Checks", "Check codes", "Document number", "Arabic name", "Receipt file"}

// writeCasesCSV writes the cases for a spreadsheet: UTF-8 beginning with a byte-order mark (Excel
// reads a CSV without one in the machine's legacy code page, and the Arabic names would arrive
// as mojibake; LibreOffice and Google Sheets read the mark as UTF-8 too), RFC 4180 quoting by
// encoding/csv, CRLF line ends. A cell that a spreadsheet would run as a formula (=, +, -, @, tab
// or CR first) starts with an apostrophe, which spreadsheets show as text.
func writeCasesCSV(w io.Writer, l receipt.Listing) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(csvHeader)
	for _, c := range l.Cases {
		check := ""
		if c.NeedsCheck {
			check = "yes"
		}
		cw.Write([]string{
			c.At.Local().Format(time.DateTime), asText(c.Operator), asText(c.Host), asText(c.ApplicantID), asText(c.Outcome), check,
			strconv.Itoa(len(c.Corrected)), asText(strings.Join(c.Corrected, "; ")),
			strconv.Itoa(len(c.Checks)), asText(strings.Join(c.Checks, "; ")),
			asText(c.DocumentNumber), asText(c.FullNameAr), asText(c.File),
		})
	}
	cw.Flush()
	return cw.Error()
}

// asText keeps a spreadsheet from reading a value as a formula (CSV injection): a value from a
// receipt (an applicant ID typed at the desk, a name read by OCR) could start with "=".
func asText(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// casesJSON is the JSON a script reads: the period, the cases (unknown first), totals for every
// outcome and the files skipped (also named on stderr).
type casesJSON struct {
	Dir      string         `json:"dir"`
	Since    string         `json:"since"`
	Until    string         `json:"until"`
	Operator string         `json:"operator,omitempty"`
	Cases    []receipt.Case `json:"cases"`
	Totals   map[string]int `json:"totals"`
	Skipped  []skippedJSON  `json:"skipped"`
}

type skippedJSON struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

func writeCasesJSON(w io.Writer, p period, l receipt.Listing) error {
	out := casesJSON{Dir: p.dir, Since: p.since.Format(time.DateOnly), Until: p.until.Format(time.DateOnly), Operator: p.operator,
		Cases: []receipt.Case{}, Totals: map[string]int{}, Skipped: []skippedJSON{}}
	for _, c := range l.Cases {
		c.At = c.At.Local()
		out.Cases = append(out.Cases, c)
	}
	for _, t := range totals(l) {
		out.Totals[t.outcome] = t.n
	}
	for _, sk := range l.Skipped {
		out.Skipped = append(out.Skipped, skippedJSON{sk.File, sk.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return errors.New("the listing could not be written: " + err.Error())
	}
	return nil
}
