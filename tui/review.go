package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"passport-update/api"
	"passport-update/api/checks"
	"passport-update/styles"
	"passport-update/tui/arabic"
	"passport-update/tui/fuzzyx"
	"passport-update/tui/receipt"
)

// ReviewKeyMap is the Review screen's keys while moving between fields.
type ReviewKeyMap struct {
	Move     key.Binding // help only: the short form of Up and Down
	Up       key.Binding
	Down     key.Binding
	Edit     key.Binding
	Continue key.Binding
	Back     key.Binding
}

// DefaultReviewKeyMap: up/down and tab/shift+tab move, enter edits, ctrl+s continues, esc
// goes back to the picker. No bare letters: the Arabic name is typed here.
func DefaultReviewKeyMap() ReviewKeyMap {
	return ReviewKeyMap{
		Move:     key.NewBinding(key.WithKeys("up", "down", "tab", "shift+tab"), key.WithHelp("↑↓/tab", "move")),
		Up:       key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑/shift+tab", "previous field")),
		Down:     key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓/tab", "next field")),
		Edit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit")),
		Continue: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "to approval")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// EditKeyMap is the keys while a field's input has focus.
type EditKeyMap struct {
	Save   key.Binding
	Cancel key.Binding
	Up     key.Binding
	Down   key.Binding
}

// DefaultEditKeyMap: enter saves, esc cancels; up/down move in the country list.
func DefaultEditKeyMap() EditKeyMap {
	return EditKeyMap{
		Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel edit")),
		Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous country")),
		Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next country")),
	}
}

// countryMove is the short help for the country list's up/down.
var countryMove = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "choose country"))

type fieldKind int

const (
	kindText fieldKind = iota
	kindDate
	kindCountry
	kindArabicName // FullNameAr: the value the API takes
	kindReadOnly
)

const (
	groupNames = iota
	groupDocument
	groupPersonal
)

var groupTitles = [...]string{"Names", "Document", "Personal"}

// reviewField is one extracted value: what OCR said (cleaned for display) and what it is now.
type reviewField struct {
	key   string // the api.PassportData field name
	label string
	group int
	kind  fieldKind
	orig  string
	value string
}

func (f reviewField) edited() bool { return f.value != f.orig }

// reviewModel is step 5.
type reviewModel struct {
	keys     ReviewKeyMap
	editKeys EditKeyMap

	data     api.PassportData // as extracted (not cleaned), for the receipt
	fields   []reviewField
	cursor   int // index into fields; len(fields) is the Continue button
	findings []checks.Finding
	fieldErr map[string]string // the server's message per field (a 400 on approval)

	arabicShown  bool
	arabicReason string // why the Arabic field is or is not there
	cleanedNote  string // what Normalize removed from OCR's Arabic name ("harakat removed")

	editing bool
	input   textinput.Model

	countries      *fuzzyx.Index
	countryEntries []string
	countryMatches []string
	countrySel     int

	photo, scan           string // rendered thumbnails, "" until decoded
	photoTried, scanTried bool   // decoding was started once (a failure is not retried)
}

type actContinue struct{ fullNameAr *string }
type actBackToPicker struct{}

// newReview builds the fields from the OCR answer. arabicOn is the translation flag.
func newReview(d api.PassportData, translation bool) reviewModel {
	m := reviewModel{keys: DefaultReviewKeyMap(), editKeys: DefaultEditKeyMap(), data: d, fieldErr: map[string]string{}}
	ocrArabic := d.FullNameAr
	if ocrArabic == "" && arabic.HasRTL(d.FullName) {
		ocrArabic = d.FullName
	}
	m.arabicShown = translation || arabic.HasRTL(ocrArabic)
	switch {
	case translation:
		m.arabicReason = "The translation step is on: the server takes this Arabic name."
	case m.arabicShown:
		m.arabicReason = "OCR read an Arabic name: the server takes it as corrected here."
	default:
		m.arabicReason = "The translation step is off and OCR read no Arabic name, so the Arabic name is sent empty (null)."
	}
	add := func(key, label string, group int, kind fieldKind, v string, always bool) {
		v = arabic.Clean(v)
		if v == "" && !always {
			return
		}
		m.fields = append(m.fields, reviewField{key: key, label: label, group: group, kind: kind, orig: v, value: v})
	}
	if m.arabicShown {
		n := arabic.Normalize(arabic.Clean(ocrArabic))
		m.cleanedNote = arabic.Explain(arabic.Clean(ocrArabic))
		m.fields = append(m.fields, reviewField{key: "FullNameAr", label: "Arabic full name", group: groupNames, kind: kindArabicName, orig: n, value: n})
	}
	add("FullNameEn", "Full name (English)", groupNames, kindText, d.FullNameEn, true)
	add("FirstNameEn", "First name", groupNames, kindText, d.FirstNameEn, true)
	add("FamilyNameEn", "Family name", groupNames, kindText, d.FamilyNameEn, true)
	add("FirstNameAr", "First name (Arabic)", groupNames, kindText, d.FirstNameAr, false)
	add("FamilyNameAr", "Family name (Arabic)", groupNames, kindText, d.FamilyNameAr, false)
	if !arabic.HasRTL(d.FullName) || m.arabicShown && d.FullNameAr != "" {
		add("FullName", "Full name (ID card)", groupNames, kindText, d.FullName, false)
	}
	add("DocumentNumber", "Document number", groupDocument, kindText, d.DocumentNumber, true)
	add("DocumentCode", "Document code", groupDocument, kindText, d.DocumentCode, false)
	add("IssuingAuthority", "Issuing authority", groupDocument, kindText, d.IssuingAuthority, false)
	add("IssueDate", "Issue date", groupDocument, kindDate, d.IssueDate.String(), false)
	add("ExpirationDate", "Expiry date", groupDocument, kindDate, d.ExpirationDate.String(), true)
	add("VisualZone", "MRZ", groupDocument, kindReadOnly, d.VisualZone, false)
	add("Birthdate", "Birth date", groupPersonal, kindDate, d.Birthdate.String(), true)
	add("Gender", "Gender", groupPersonal, kindText, d.Gender, true)
	add("Nationality", "Nationality", groupPersonal, kindCountry, d.Nationality, true)
	if d.DetectedAge != nil {
		add("DetectedAge", "Age seen on photo", groupPersonal, kindReadOnly, strconv.Itoa(*d.DetectedAge), false)
	}
	add("DetectedGender", "Gender seen on photo", groupPersonal, kindReadOnly, d.DetectedGender, false)
	// Fields appear grouped whatever the order above.
	sortFieldsByGroup(m.fields)
	return m
}

func sortFieldsByGroup(fs []reviewField) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].group < fs[j-1].group; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// corrected is the extracted data with the corrections applied (for the checks).
func (m reviewModel) corrected() api.PassportData {
	d := m.data
	for _, f := range m.fields {
		if !f.edited() {
			continue
		}
		switch f.key {
		case "FullNameAr":
			d.FullNameAr = f.value
		case "FullNameEn":
			d.FullNameEn = f.value
		case "FirstNameEn":
			d.FirstNameEn = f.value
		case "FamilyNameEn":
			d.FamilyNameEn = f.value
		case "FirstNameAr":
			d.FirstNameAr = f.value
		case "FamilyNameAr":
			d.FamilyNameAr = f.value
		case "FullName":
			d.FullName = f.value
		case "DocumentNumber":
			d.DocumentNumber = f.value
		case "DocumentCode":
			d.DocumentCode = f.value
		case "IssuingAuthority":
			d.IssuingAuthority = f.value
		case "IssueDate":
			d.IssueDate, _ = parseDate(f.value)
		case "ExpirationDate":
			d.ExpirationDate, _ = parseDate(f.value)
		case "Birthdate":
			d.Birthdate, _ = parseDate(f.value)
		case "Gender":
			d.Gender = f.value
		case "Nationality":
			d.Nationality = f.value
		}
	}
	return d
}

// corrections lists what was changed, for the receipt.
func (m reviewModel) corrections() []receipt.Correction {
	var out []receipt.Correction
	for _, f := range m.fields {
		if f.edited() {
			out = append(out, receipt.Correction{Field: f.key, Original: f.orig, Corrected: f.value})
		}
	}
	return out
}

// arabicValue is what Approve sends: the normalised name, or nil when the field is not shown.
func (m reviewModel) arabicValue() *string {
	if !m.arabicShown {
		return nil
	}
	for _, f := range m.fields {
		if f.kind == kindArabicName {
			v := arabic.Normalize(f.value)
			return &v
		}
	}
	return nil
}

func (m reviewModel) fieldIndex(key string) int {
	for i, f := range m.fields {
		if f.key == key {
			return i
		}
	}
	return -1
}

// refresh reruns the checks on the corrected data.
func (m reviewModel) refresh(today time.Time) reviewModel {
	m.findings = checks.Review(m.corrected(), today)
	return m
}

func parseDate(s string) (api.Date, bool) {
	if s == "" {
		return api.Date{}, true
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return api.Date{}, false
	}
	return api.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
}

func (m reviewModel) shortHelp() []key.Binding {
	if m.editing {
		f := m.fields[m.cursor]
		if f.kind == kindCountry {
			return []key.Binding{countryMove, m.editKeys.Save, m.editKeys.Cancel}
		}
		return []key.Binding{m.editKeys.Save, m.editKeys.Cancel}
	}
	return []key.Binding{m.keys.Move, m.keys.Edit, m.keys.Continue, m.keys.Back}
}

func (m reviewModel) fullHelp() [][]key.Binding {
	if m.editing {
		return [][]key.Binding{m.shortHelp()}
	}
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.Edit},
		{m.keys.Continue, m.keys.Back},
	}
}

func (m reviewModel) update(msg tea.Msg, today time.Time) (reviewModel, tea.Cmd, any) {
	k, isKey := msg.(tea.KeyMsg)
	if m.editing {
		f := &m.fields[m.cursor]
		if isKey {
			switch {
			case key.Matches(k, m.editKeys.Cancel):
				m.editing = false
				m.input.Blur()
				return m, nil, nil
			case key.Matches(k, m.editKeys.Save):
				v := strings.TrimSpace(m.input.Value())
				switch f.kind {
				case kindArabicName:
					v = arabic.Normalize(v)
				case kindDate:
					if _, ok := parseDate(v); !ok {
						return m, nil, actNotice{sentence: "Write dates as YYYY-MM-DD, e.g. 1991-07-23."}
					}
				case kindCountry:
					if len(m.countryMatches) > 0 {
						v = strings.SplitN(m.countryMatches[m.countrySel], " ", 2)[0]
					} else {
						v = strings.ToUpper(v)
					}
				case kindText:
					v = strings.Join(strings.Fields(v), " ")
					if f.key == "Gender" {
						v = strings.ToUpper(v)
					}
				}
				f.value = v
				delete(m.fieldErr, f.key)
				m.editing = false
				m.input.Blur()
				return m.refresh(today), nil, actNotice{}
			case f.kind == kindCountry && key.Matches(k, m.editKeys.Up):
				if m.countrySel > 0 {
					m.countrySel--
				}
				return m, nil, nil
			case f.kind == kindCountry && key.Matches(k, m.editKeys.Down):
				if m.countrySel < len(m.countryMatches)-1 {
					m.countrySel++
				}
				return m, nil, nil
			}
		}
		var cmd tea.Cmd
		before := m.input.Value()
		m.input, cmd = m.input.Update(msg)
		if f.kind == kindCountry && m.input.Value() != before {
			m = m.searchCountries()
		}
		return m, cmd, nil
	}
	if !isKey {
		return m, nil, nil
	}
	switch {
	case key.Matches(k, m.keys.Up):
		if m.cursor > 0 {
			m.cursor--
		}
	case key.Matches(k, m.keys.Down):
		if m.cursor < len(m.fields) {
			m.cursor++
		}
	case key.Matches(k, m.keys.Back):
		return m, nil, actBackToPicker{}
	case key.Matches(k, m.keys.Continue):
		return m.tryContinue()
	case key.Matches(k, m.keys.Edit):
		if m.cursor == len(m.fields) {
			return m.tryContinue()
		}
		f := m.fields[m.cursor]
		if f.kind == kindReadOnly {
			return m, nil, actNotice{sentence: "This value is read from the scan and cannot be edited.", kind: noticeInfo}
		}
		m.input = newInput("", "", 150)
		m.input.SetValue(f.value)
		m.input.CursorEnd()
		m.editing = true
		if f.kind == kindCountry {
			if m.countries == nil {
				for _, c := range checks.Countries() {
					m.countryEntries = append(m.countryEntries, c.Code+" "+c.Name)
				}
				m.countries = fuzzyx.NewIndex(m.countryEntries)
			}
			m = m.searchCountries()
		}
		return m, nil, nil
	}
	return m, nil, nil
}

func (m reviewModel) searchCountries() reviewModel {
	m.countrySel = 0
	m.countryMatches = m.countryMatches[:0]
	q := strings.TrimSpace(m.input.Value())
	if q == "" || m.countries == nil {
		return m
	}
	for _, r := range m.countries.Top(q, 6) {
		m.countryMatches = append(m.countryMatches, r.Str)
	}
	return m
}

func (m reviewModel) tryContinue() (reviewModel, tea.Cmd, any) {
	v := m.arabicValue()
	if v != nil {
		if c := arabic.Validate(*v); !c.OK() {
			if i := m.fieldIndex("FullNameAr"); i >= 0 {
				m.cursor = i
			}
			return m, nil, actNotice{sentence: "Arabic full name: " + c.Err, kind: noticeError}
		}
	}
	return m, nil, actContinue{fullNameAr: v}
}

// setFieldError puts the server's message under a field and moves the cursor there.
func (m reviewModel) setFieldError(field, msg string) reviewModel {
	if i := m.fieldIndex(field); i >= 0 {
		m.fieldErr[field] = msg
		m.cursor = i
	}
	return m
}

// showValue draws a value in the current Arabic display mode when it holds RTL text.
func showValue(v string, mode arabic.Mode) string {
	if arabic.HasRTL(v) {
		return arabic.Display(v, mode)
	}
	return v
}

const labelWidth = 22

// view draws the fields (windowed around the cursor to fit h lines) and, when wide enough, the
// face photo and scan beside them.
func (m reviewModel) view(c *common, h int) string {
	t := c.th
	right := ""
	if c.width >= 110 && (m.photo != "" || m.scan != "") {
		var rb strings.Builder
		if m.photo != "" {
			rb.WriteString(t.Label.Render("Face photo"))
			rb.WriteString("\n")
			rb.WriteString(m.photo)
			rb.WriteString("\n")
		}
		if m.scan != "" {
			rb.WriteString(t.Label.Render("Scan"))
			rb.WriteString("\n")
			rb.WriteString(m.scan)
		}
		right = rb.String()
	}
	leftW := c.width
	if right != "" {
		leftW = c.width - lipgloss.Width(right) - 2
	}

	var lines []string
	cursorLine := 0
	lines = append(lines, t.Heading.Render("Review what the scan says"))
	for _, l := range strings.Split(ansi.Wordwrap("Only the Arabic full name (★) is sent. Other corrections are kept in the receipt, not sent to the server.", leftW-1, ""), "\n") {
		lines = append(lines, t.Muted.Render(l))
	}
	if !m.arabicShown {
		for _, l := range strings.Split(ansi.Wordwrap(m.arabicReason, leftW-1, ""), "\n") {
			lines = append(lines, t.WarnText.Render(l))
		}
	}
	group := -1
	valueW := max(leftW-labelWidth-4, 10)
	for i, f := range m.fields {
		if f.group != group {
			group = f.group
			lines = append(lines, "", t.Heading.Render(strings.ToUpper(groupTitles[group])))
		}
		sel := i == m.cursor
		if sel {
			cursorLine = len(lines)
		}
		prefix := "  "
		if sel {
			prefix = "› "
		}
		label := f.label
		if f.kind == kindArabicName {
			label += " ★"
		}
		lab := t.Label.Render(fmt.Sprintf("%-*s", labelWidth, label))
		if sel {
			lab = t.Selected.Render(fmt.Sprintf("%-*s", labelWidth, label))
		}
		if sel && m.editing {
			lines = append(lines, prefix+lab+m.input.View())
			lines = append(lines, m.editLines(c, f, leftW)...)
		} else if f.key == "VisualZone" {
			for j, row := range mrzRows(f.value) {
				if j == 0 {
					lines = append(lines, prefix+lab+truncate(row, valueW))
				} else {
					lines = append(lines, "  "+strings.Repeat(" ", labelWidth)+truncate(row, valueW))
				}
			}
		} else {
			v := showValue(f.value, c.mode)
			if f.value == "" {
				v = t.Muted.Render("(empty)")
			} else if f.edited() {
				v = t.Edited.Render(truncate(v, valueW-9)) + t.Muted.Render(" (edited)")
			} else {
				v = truncate(v, valueW)
			}
			if f.kind == kindCountry && f.value != "" {
				if name, ok := checks.CountryName(f.value); ok {
					v += t.Muted.Render(" " + name)
				}
			}
			lines = append(lines, prefix+lab+v)
			if f.edited() {
				was := showValue(f.orig, c.mode)
				if f.orig == "" {
					was = "(empty)"
				}
				lines = append(lines, "    "+t.Muted.Render("was: ")+truncate(was, valueW))
			}
		}
		if f.kind == kindArabicName && !(sel && m.editing) {
			lines = append(lines, "    "+t.Muted.Render(truncate("↑ the value the API takes (fullNameAr)", leftW-4)))
			if m.cleanedNote != "" && !f.edited() {
				lines = append(lines, "    "+t.Muted.Render(truncate("From the scan's name: "+lowerFirst(m.cleanedNote)+" (the API takes letters only).", leftW-4)))
			}
		}
		if e, ok := m.fieldErr[f.key]; ok {
			lines = append(lines, "    "+t.ErrorText.Render(truncate("✖ Server: "+arabic.Clean(e), leftW-4)))
		}
		for _, fd := range m.findings {
			if fd.Field == f.key {
				lines = append(lines, "    "+findingLine(t, fd, leftW-4))
			}
		}
	}
	// Findings about fields not on screen still show, at the end.
	var other []string
	for _, fd := range m.findings {
		if m.fieldIndex(fd.Field) < 0 {
			other = append(other, "    "+findingLine(t, fd, leftW-4))
		}
	}
	if len(other) > 0 {
		lines = append(lines, "", t.Heading.Render("OTHER CHECKS"))
		lines = append(lines, other...)
	}
	lines = append(lines, "")
	btn := "[ Continue to approval ]  ctrl+s"
	if m.cursor == len(m.fields) {
		cursorLine = len(lines)
		lines = append(lines, t.Selected.Render("› "+btn))
	} else {
		lines = append(lines, "  "+t.Muted.Render(btn))
	}
	if m.editing && m.fields[m.cursor].kind == kindCountry {
		// keep the country list in view under the input
		cursorLine += min(len(m.countryMatches)+1, 7)
	}
	lines = window(lines, cursorLine, h)
	left := strings.Join(lines, "\n")
	if right == "" {
		return left
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(leftW).Render(left), "  ", clipLines(right, h))
}

func (m reviewModel) editLines(c *common, f reviewField, w int) []string {
	t := c.th
	var out []string
	ind := "    "
	switch f.kind {
	case kindArabicName:
		raw := m.input.Value()
		n := arabic.Normalize(raw)
		out = append(out, ind+t.Label.Render("reads as: ")+truncate(arabic.Display(n, c.mode), w-14))
		chk := arabic.Validate(n)
		switch {
		case !chk.OK():
			out = append(out, ind+t.ErrorText.Render(truncate("✖ "+chk.Err, w-4)))
		case chk.Warning != "":
			out = append(out, ind+t.WarnText.Render(truncate("⚠ "+chk.Warning, w-4)))
		default:
			out = append(out, ind+t.Success.Render("✓ valid")+t.Muted.Render(" — this is the value that will be sent"))
		}
		if note := arabic.Explain(raw); note != "" {
			out = append(out, ind+t.Muted.Render(truncate("For sending: "+lowerFirst(note)+" (the API takes letters only).", w-4)))
		}
		out = append(out, ind+t.Muted.Render(truncate("Display mode: "+c.mode.String()+" (ctrl+r to change if the line above looks wrong)", w-4)))
	case kindDate:
		out = append(out, ind+t.Muted.Render("YYYY-MM-DD"))
	case kindCountry:
		if len(m.countryMatches) == 0 {
			out = append(out, ind+t.Muted.Render("Type a code or a country name."))
		}
		for i, s := range m.countryMatches {
			if i == m.countrySel {
				out = append(out, ind+t.Selected.Render("› "+s))
			} else {
				out = append(out, ind+"  "+s)
			}
		}
	}
	return out
}

// findingLine draws one check result with a mark by severity.
func findingLine(t styles.Theme, fd checks.Finding, w int) string {
	s := arabic.Clean(fd.Sentence)
	switch fd.Severity {
	case checks.Problem:
		return t.ErrorText.Render(truncate("✖ "+s, w))
	case checks.Warning:
		return t.WarnText.Render(truncate("⚠ "+s, w))
	}
	return t.Muted.Render(truncate("ℹ "+s, w))
}

// mrzRows splits the MRZ into its lines, whatever separated them (a newline, or a space once
// control characters were cleaned).
func mrzRows(v string) []string {
	rows := strings.Fields(v)
	if len(rows) == 0 {
		return []string{""}
	}
	return rows
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// window keeps h lines of lines around the cursor line.
func window(lines []string, cursor, h int) []string {
	if h <= 0 || len(lines) <= h {
		return lines
	}
	start := 0
	if cursor >= h-2 {
		start = cursor - h + 3
	}
	if start+h > len(lines) {
		start = len(lines) - h
	}
	return lines[start : start+h]
}
