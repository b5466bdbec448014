package tui

import (
	"passport-update/tui/textfield"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"passport-update/api"
	"passport-update/api/checks"
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
	input   textfield.Field

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
	add("IDNumber", "ID number", groupDocument, kindText, d.IDNumber, false)
	add("VisualZone", "MRZ", groupDocument, kindReadOnly, d.VisualZone, false)
	add("Birthdate", "Birth date", groupPersonal, kindDate, d.Birthdate.String(), true)
	add("Gender", "Gender", groupPersonal, kindText, d.Gender, true)
	add("Nationality", "Nationality", groupPersonal, kindCountry, d.Nationality, true)
	if d.DetectedAge != nil {
		add("DetectedAge", "Age seen on photo", groupPersonal, kindReadOnly, strconv.Itoa(*d.DetectedAge), false)
	}
	add("DetectedGender", "Gender seen on photo", groupPersonal, kindReadOnly, d.DetectedGender, false)
	add("Address", "Address", groupPersonal, kindText, d.Address, false)
	add("Profession", "Profession", groupPersonal, kindText, d.Profession, false)
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
		case "IDNumber":
			d.IDNumber = f.value
		case "Address":
			d.Address = f.value
		case "Profession":
			d.Profession = f.value
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

func (m reviewModel) ShortHelp() []key.Binding {
	if m.editing {
		f := m.fields[m.cursor]
		if f.kind == kindCountry {
			return []key.Binding{countryMove, m.editKeys.Save, m.editKeys.Cancel}
		}
		return []key.Binding{m.editKeys.Save, m.editKeys.Cancel}
	}
	return []key.Binding{m.keys.Move, m.keys.Edit, m.keys.Continue, m.keys.Back}
}

func (m reviewModel) FullHelp() [][]key.Binding {
	if m.editing {
		return [][]key.Binding{m.ShortHelp()}
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

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k ReviewKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Edit, k.Continue, k.Back}
}
func (k ReviewKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Edit}, {k.Continue, k.Back}}
}

// ShortHelp and FullHelp of the editing keys.
func (k EditKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.Cancel} }
func (k EditKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel, k.Up, k.Down}}
}
