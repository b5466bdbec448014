package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api"
	"example.com/passport-update/api/checks"
	"example.com/passport-update/api/fullname"
	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/internal/receipt"
	"example.com/passport-update/tui/arabic"
	"example.com/passport-update/tui/fuzzyx"
	"example.com/passport-update/tui/picker"
	"example.com/passport-update/tui/preview"
	"example.com/passport-update/tui/textfield"
)

// ReviewKeyMap is the Review screen's keys while moving between fields.
type ReviewKeyMap struct {
	Move     key.Binding // help only: the short form of Up and Down
	Up       key.Binding
	Down     key.Binding
	Edit     key.Binding
	Continue key.Binding
	Back     key.Binding
	Look     key.Binding // the face photo and the scan, full screen (faceview.go)
}

// DefaultReviewKeyMap: up/down and tab/shift+tab move, enter edits, ctrl+s continues, esc
// goes back to the picker, f (or ب, where an Arabic layout puts f) shows the face photo and
// the scan full screen. Letters are typed while a field is edited, so f only counts between
// edits.
func DefaultReviewKeyMap() ReviewKeyMap {
	return ReviewKeyMap{
		Move:     key.NewBinding(key.WithKeys("up", "down", "tab", "shift+tab"), key.WithHelp("↑↓/tab", "move")),
		Up:       key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑/shift+tab", "previous field")),
		Down:     key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓/tab", "next field")),
		Edit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit")),
		Continue: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "to approval")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Look:     key.NewBinding(key.WithKeys("f", "ب"), key.WithHelp("f", "face")),
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

// The keys of the question "discard the corrections?".
var (
	discardKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "discard"))
	stayKey    = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stay"))
)

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

// fieldSpec is one row of the Review screen: which value of the OCR answer it shows, where, and
// how a correction is written back (set is nil for values read from the scan only).
type fieldSpec struct {
	key    string // the api.PassportData field; the receipt's name for it
	label  string
	group  int
	kind   fieldKind
	always bool // shown even when OCR read nothing
	get    func(api.PassportData) string
	set    func(*api.PassportData, string)
}

func dateField(key, label string, group int, always bool, at func(*api.PassportData) *api.Date) fieldSpec {
	return fieldSpec{key: key, label: label, group: group, kind: kindDate, always: always,
		get: func(d api.PassportData) string { return at(&d).String() },
		set: func(d *api.PassportData, v string) { *at(d), _ = parseDate(v) }}
}

func textField(key, label string, group int, kind fieldKind, always bool, at func(*api.PassportData) *string) fieldSpec {
	return fieldSpec{key: key, label: label, group: group, kind: kind, always: always,
		get: func(d api.PassportData) string { return *at(&d) },
		set: func(d *api.PassportData, v string) { *at(d) = v }}
}

// arabicNameField is the value Approve sends; it is shown when the translation step is on or
// OCR read an Arabic name (see newReview).
var arabicNameField = textField("FullNameAr", "Arabic full name", groupNames, kindArabicName, true, func(d *api.PassportData) *string { return &d.FullNameAr })

// reviewFields is every other row, grouped in the order shown.
var reviewFields = []fieldSpec{
	textField("FullNameEn", "Full name (English)", groupNames, kindText, true, func(d *api.PassportData) *string { return &d.FullNameEn }),
	textField("FirstNameEn", "First name", groupNames, kindText, true, func(d *api.PassportData) *string { return &d.FirstNameEn }),
	textField("FamilyNameEn", "Family name", groupNames, kindText, true, func(d *api.PassportData) *string { return &d.FamilyNameEn }),
	textField("FirstNameAr", "First name (Arabic)", groupNames, kindText, false, func(d *api.PassportData) *string { return &d.FirstNameAr }),
	textField("FamilyNameAr", "Family name (Arabic)", groupNames, kindText, false, func(d *api.PassportData) *string { return &d.FamilyNameAr }),
	textField("FullName", "Full name (ID card)", groupNames, kindText, false, func(d *api.PassportData) *string { return &d.FullName }),
	textField("DocumentNumber", "Document number", groupDocument, kindText, true, func(d *api.PassportData) *string { return &d.DocumentNumber }),
	textField("DocumentCode", "Document code", groupDocument, kindText, false, func(d *api.PassportData) *string { return &d.DocumentCode }),
	textField("IssuingAuthority", "Issuing authority", groupDocument, kindText, false, func(d *api.PassportData) *string { return &d.IssuingAuthority }),
	dateField("IssueDate", "Issue date", groupDocument, false, func(d *api.PassportData) *api.Date { return &d.IssueDate }),
	dateField("ExpirationDate", "Expiry date", groupDocument, true, func(d *api.PassportData) *api.Date { return &d.ExpirationDate }),
	textField("IDNumber", "ID number", groupDocument, kindText, false, func(d *api.PassportData) *string { return &d.IDNumber }),
	{key: "VisualZone", label: "MRZ", group: groupDocument, kind: kindReadOnly, get: func(d api.PassportData) string { return d.VisualZone }},
	dateField("Birthdate", "Birth date", groupPersonal, true, func(d *api.PassportData) *api.Date { return &d.Birthdate }),
	textField("Gender", "Gender", groupPersonal, kindText, true, func(d *api.PassportData) *string { return &d.Gender }),
	textField("Nationality", "Nationality", groupPersonal, kindCountry, true, func(d *api.PassportData) *string { return &d.Nationality }),
	{key: "DetectedAge", label: "Age seen on photo", group: groupPersonal, kind: kindReadOnly, get: func(d api.PassportData) string {
		if d.DetectedAge == nil {
			return ""
		}
		return strconv.Itoa(*d.DetectedAge)
	}},
	{key: "DetectedGender", label: "Gender seen on photo", group: groupPersonal, kind: kindReadOnly, get: func(d api.PassportData) string { return d.DetectedGender }},
	textField("Address", "Address", groupPersonal, kindText, false, func(d *api.PassportData) *string { return &d.Address }),
	textField("Profession", "Profession", groupPersonal, kindText, false, func(d *api.PassportData) *string { return &d.Profession }),
}

// reviewField is one row as shown: what OCR said (cleaned for display) and what it is now.
type reviewField struct {
	spec  *fieldSpec
	orig  string
	value string
}

func (f reviewField) edited() bool { return f.value != f.orig }

// reviewStep is step 5. It also owns the translation flag (asked as soon as the session is
// open) and the pictures beside the fields.
type reviewStep struct {
	keys     ReviewKeyMap
	editKeys EditKeyMap

	translation    bool
	translationReq request

	data     api.PassportData // as extracted (not cleaned), for the receipt
	sha256   string           // of the image these values were read from
	loaded   bool
	fields   []reviewField
	cursor   int // index into fields; len(fields) is the Continue button
	findings []checks.Finding
	fieldErr map[string]string // the server's message per field (a 400 on approval)

	arabicShown  bool
	arabicReason string // why the Arabic field is or is not there
	cleanedNote  string // what Normalize removed from OCR's Arabic name ("harakat removed")

	editing bool
	input   textfield.Field
	asking  bool // "discard the corrections?" is on screen

	countries      *fuzzyx.Index
	countryEntries []string
	countryMatches []string
	countrySel     int

	photo, scan       string // rendered thumbnails, "" until decoded
	photoReq, scanReq request
	photoTried        bool // decoding was started once (a failure is not retried)
	scanTried         bool
	scanDecoded       bool // the scan had no reduced copy and was decoded here

	look faceView // the face photo and the scan, full screen, over this screen
}

// translationMsg is the answer to IsTranslationStepEnabled.
type translationMsg struct {
	id      int64
	enabled bool
	err     error
}

// thumbMsg is a picture decoded off the loop: the face photo or the scan.
type thumbMsg struct {
	id    int64
	scan  bool
	thumb preview.Thumbnail
	ok    bool
}

func (translationMsg) owner() stepID { return stReview }
func (thumbMsg) owner() stepID       { return stReview }

func newReview() reviewStep {
	return reviewStep{keys: DefaultReviewKeyMap(), editKeys: DefaultEditKeyMap(), fieldErr: map[string]string{}, look: newFaceView()}
}

func (r reviewStep) typing() bool { return r.editing }

// askTranslation starts IsTranslationStepEnabled once the session is open; the upload does not
// wait for it.
func (r reviewStep) askTranslation(d desk) (reviewStep, tea.Cmd) {
	id, ctx := r.translationReq.start(d.ctx)
	c := d.client
	return r, safe(func() tea.Msg {
		on, err := c.IsTranslationStepEnabled(ctx)
		return translationMsg{id: id, enabled: on, err: err}
	})
}

// cancel drops the requests still running: the translation flag and the pictures.
func (r reviewStep) cancel() reviewStep {
	r.translationReq.stop()
	r.photoReq.stop()
	r.scanReq.stop()
	return r
}

// load shows a new OCR answer. A second answer for the same image (the session was opened again
// and the file sent again) keeps the corrections made to the first; kept says how many.
func (r reviewStep) load(data api.PassportData, sha256 string, today time.Time) (_ reviewStep, kept int) {
	old := r.fields
	sameImage := r.loaded && sha256 != "" && sha256 == r.sha256
	r.photoReq.stop()
	r.scanReq.stop()
	r = r.build(data, today)
	r.sha256, r.loaded = sha256, true
	if sameImage {
		for _, o := range old {
			if !o.edited() {
				continue
			}
			if i := r.fieldIndex(o.spec.key); i >= 0 {
				r.fields[i].value = o.value
				kept++
			}
		}
		r = r.refresh(today)
	}
	return r, kept
}

// build lays the rows out for data (no edits), keeping the translation flag and the pictures'
// requests as they are.
func (r reviewStep) build(d api.PassportData, today time.Time) reviewStep {
	n := newReview()
	n.translation, n.translationReq = r.translation, r.translationReq
	n.data = d
	ocrArabic := d.FullNameAr
	if ocrArabic == "" && arabic.HasRTL(d.FullName) {
		ocrArabic = d.FullName
	}
	n.arabicShown = r.translation || arabic.HasRTL(ocrArabic)
	switch {
	case r.translation:
		n.arabicReason = "The translation step is on: the server takes this Arabic name."
	case n.arabicShown:
		n.arabicReason = "OCR read an Arabic name: the server takes it as corrected here."
	default:
		n.arabicReason = "The translation step is off and OCR read no Arabic name, so the Arabic name is sent empty (null)."
	}
	if n.arabicShown {
		v := fullname.Normalize(fullname.Clean(ocrArabic))
		n.cleanedNote = fullname.Explain(fullname.Clean(ocrArabic))
		n.fields = append(n.fields, reviewField{spec: &arabicNameField, orig: v, value: v})
	}
	for i := range reviewFields {
		spec := &reviewFields[i]
		v := fullname.Clean(spec.get(d))
		if v == "" && !spec.always {
			continue
		}
		if spec.key == "FullName" && arabic.HasRTL(d.FullName) && !(n.arabicShown && d.FullNameAr != "") {
			continue // the Arabic full name row already shows it
		}
		n.fields = append(n.fields, reviewField{spec: spec, orig: v, value: v})
	}
	return n.refresh(today)
}

// kept is the corrections that are not sent (every one but the Arabic name's): the server keeps
// its own reading of those fields.
func (r reviewStep) kept() []keptCorrection {
	var out []keptCorrection
	for _, f := range r.fields {
		if f.edited() && f.spec.kind != kindArabicName {
			server := f.orig
			if server == "" {
				server = "nothing"
			}
			corrected := f.value
			if corrected == "" {
				corrected = "nothing"
			}
			out = append(out, keptCorrection{label: f.spec.label, corrected: corrected, server: server})
		}
	}
	return out
}

// corrections lists what was changed, for the receipt.
func (r reviewStep) corrections() []receipt.Correction {
	var out []receipt.Correction
	for _, f := range r.fields {
		if f.edited() {
			out = append(out, receipt.Correction{Field: f.spec.key, Original: f.orig, Corrected: f.value})
		}
	}
	return out
}

// arabicValue is what Approve sends: the normalised name, or nil when the field is not shown.
func (r reviewStep) arabicValue() *string {
	if i := r.fieldIndex(arabicNameField.key); i >= 0 {
		v := fullname.Normalize(r.fields[i].value)
		return &v
	}
	return nil
}

func (r reviewStep) fieldIndex(key string) int {
	for i, f := range r.fields {
		if f.spec.key == key {
			return i
		}
	}
	return -1
}

// refresh reruns the checks. They judge the values the server holds (the OCR answer), not the
// corrections: only the Arabic name is sent, so a corrected expiry date does not make the
// passport the server approves any less expired.
func (r reviewStep) refresh(today time.Time) reviewStep {
	r.findings = checks.Review(r.data, today)
	return r
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

// dateProblem says why s is not a date: its shape, or, when it is written YYYY-MM-DD, that the
// month or the day does not exist.
func dateProblem(s string) string {
	var y, mo, d int
	if n, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &mo, &d); n != 3 || err != nil || len(s) != len("2006-01-02") {
		return "Write dates as YYYY-MM-DD, e.g. 1991-07-23."
	}
	if mo < 1 || mo > 12 {
		return fmt.Sprintf("%s has no month %d: months run from 01 to 12.", s, mo)
	}
	last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return fmt.Sprintf("The day %s does not exist: %s %d has %d days.", s, time.Month(mo), y, last)
}

// startThumbs decodes the scan and the face photo off the loop once the screen is wide enough
// to show them (now, or after a resize).
func (r reviewStep) startThumbs(c *common, file picker.ChosenFile, maxBytes int64) (reviewStep, tea.Cmd) {
	var look tea.Cmd
	r.look, look = r.look.resized(c)
	if !r.loaded || c.width < 110 {
		return r, look
	}
	cmds := []tea.Cmd{look}
	if r.scan == "" && !r.scanTried && file.Path != "" {
		r.scanTried = true
		// The picker's check left a reduced copy with the choice: drawing it needs no decode.
		if t, ok := file.ThumbnailProfile(36, 12, c.th.R.ColorProfile()); ok {
			r.scan = t.Text
		}
	}
	if r.scan == "" && !r.scanReq.busy() && r.scanTried && file.Sample == nil && !r.scanDecoded {
		r.scanDecoded = true // a file chosen without the picker's copy: decoded once, not retried
		id, _ := r.scanReq.start(context.Background())
		profile := c.th.R.ColorProfile()
		cmds = append(cmds, safe(func() tea.Msg {
			info := imagecheck.Inspect(file.Path, maxBytes)
			if info.Refusal != "" {
				return thumbMsg{id: id, scan: true}
			}
			img, err := preview.Decode(info)
			if err != nil {
				return thumbMsg{id: id, scan: true}
			}
			return thumbMsg{id: id, scan: true, thumb: preview.RenderProfile(img, 36, 12, profile), ok: true}
		}))
	}
	if photo := r.data.Photo; photo != "" && r.photo == "" && !r.photoTried {
		r.photoTried = true
		id, _ := r.photoReq.start(context.Background())
		cmds = append(cmds, safe(func() tea.Msg {
			t, ok := preview.FromBase64(photo, 16, 8)
			return thumbMsg{id: id, thumb: t, ok: ok}
		}))
	}
	return r, tea.Batch(cmds...)
}

func (r reviewStep) update(msg tea.Msg, d desk) (reviewStep, tea.Cmd, action) {
	switch msg := msg.(type) {
	case translationMsg:
		return r.onTranslation(msg, d)
	case thumbMsg:
		switch {
		case msg.scan && r.scanReq.answers(msg.id) && msg.ok:
			r.scan = msg.thumb.Text
		case !msg.scan && r.photoReq.answers(msg.id) && msg.ok:
			r.photo = msg.thumb.Text
		}
		return r, nil, nil
	case faceViewMsg:
		r.look = r.look.answered(msg)
		return r, nil, nil
	case tea.KeyMsg:
		switch {
		case r.asking:
			return r.answerDiscard(msg)
		case r.editing:
			// ctrl+r may have changed the display mode since the edit began; ←/→ follow it.
			r.input.Mode = d.mode
			return r.edit(msg, d.now)
		}
		return r.move(msg)
	}
	return r, nil, nil
}

func (r reviewStep) onTranslation(msg translationMsg, d desk) (reviewStep, tea.Cmd, action) {
	if !r.translationReq.answers(msg.id) {
		return r, nil, nil
	}
	if msg.err != nil {
		// Not fatal: the Arabic field then shows only when OCR reads an Arabic name.
		if d.cfg.Logger != nil {
			d.cfg.Logger.Warn("translation flag", "err", msg.err)
		}
		return r, nil, nil
	}
	r.translation = msg.enabled
	// A late answer (OCR was faster) still brings the Arabic field, unless edits were made.
	if r.loaded && msg.enabled && !r.arabicShown && len(r.corrections()) == 0 {
		photo, scan, cursor, look := r.photo, r.scan, r.cursor, r.look
		r = r.build(r.data, d.now)
		r.photo, r.scan, r.photoTried, r.scanTried, r.loaded, r.look = photo, scan, true, true, true, look
		r.cursor = min(cursor, len(r.fields))
	}
	return r, nil, nil
}

func (r reviewStep) move(k tea.KeyMsg) (reviewStep, tea.Cmd, action) {
	switch {
	case key.Matches(k, r.keys.Up):
		if r.cursor > 0 {
			r.cursor--
		}
	case key.Matches(k, r.keys.Down):
		if r.cursor < len(r.fields) {
			r.cursor++
		}
	case key.Matches(k, r.keys.Back):
		if n := len(r.corrections()); n > 0 {
			r.asking = true
			return r, nil, actNotice{kind: noticeWarning, sentence: fmt.Sprintf("Discard %s? enter discards, esc stays.", plural(n, "correction"))}
		}
		return r, nil, actBack{}
	case key.Matches(k, r.keys.Continue):
		return r.tryContinue()
	case key.Matches(k, r.keys.Look):
		return r, nil, actFaceView{}
	case key.Matches(k, r.keys.Edit):
		if r.cursor == len(r.fields) {
			return r.tryContinue()
		}
		f := r.fields[r.cursor]
		if f.spec.set == nil {
			return r, nil, actNotice{sentence: "This value is read from the scan and cannot be edited.", kind: noticeInfo}
		}
		// No safety limit below the field's own rule: the Arabic name's length is judged by
		// fullname.Validate, which says by how much a value is too long instead of cutting it.
		r.input = newInput("", "", 0)
		r.input.SetValue(f.value)
		r.editing = true
		if f.spec.kind == kindCountry {
			if r.countries == nil {
				for _, c := range checks.Countries() {
					r.countryEntries = append(r.countryEntries, c.Code+" "+c.Name)
				}
				r.countries = fuzzyx.NewIndex(r.countryEntries)
			}
			r = r.searchCountries()
		}
	}
	return r, nil, nil
}

// answerDiscard is the answer to "discard the corrections?": leaving loses them, staying keeps
// everything.
func (r reviewStep) answerDiscard(k tea.KeyMsg) (reviewStep, tea.Cmd, action) {
	switch {
	case key.Matches(k, discardKey):
		r.asking = false
		for i := range r.fields {
			r.fields[i].value = r.fields[i].orig
		}
		return r, nil, actBack{}
	case key.Matches(k, stayKey):
		r.asking = false
		return r, nil, actNotice{}
	}
	return r, nil, nil
}

func (r reviewStep) edit(k tea.KeyMsg, today time.Time) (reviewStep, tea.Cmd, action) {
	f := &r.fields[r.cursor]
	switch {
	case key.Matches(k, r.editKeys.Cancel):
		r.editing = false
		r.input.Blur()
		return r, nil, nil
	case key.Matches(k, r.editKeys.Save):
		v := strings.TrimSpace(r.input.Value())
		switch f.spec.kind {
		case kindArabicName:
			v = fullname.Normalize(v)
		case kindDate:
			if _, ok := parseDate(v); !ok {
				return r, nil, actNotice{sentence: dateProblem(v)}
			}
		case kindCountry:
			if len(r.countryMatches) > 0 {
				v = strings.SplitN(r.countryMatches[r.countrySel], " ", 2)[0]
			} else {
				v = strings.ToUpper(v)
			}
		case kindText:
			v = strings.Join(strings.Fields(v), " ")
			if f.spec.key == "Gender" {
				v = strings.ToUpper(v)
			}
		}
		f.value = v
		delete(r.fieldErr, f.spec.key)
		r.editing = false
		r.input.Blur()
		return r.refresh(today), nil, actNotice{}
	case f.spec.kind == kindCountry && key.Matches(k, r.editKeys.Up):
		r.countrySel = max(r.countrySel-1, 0)
		return r, nil, nil
	case f.spec.kind == kindCountry && key.Matches(k, r.editKeys.Down):
		r.countrySel = max(min(r.countrySel+1, len(r.countryMatches)-1), 0)
		return r, nil, nil
	}
	var cmd tea.Cmd
	before := r.input.Value()
	r.input, cmd = r.input.Update(k)
	if f.spec.kind == kindCountry && r.input.Value() != before {
		r = r.searchCountries()
	}
	return r, cmd, nil
}

func (r reviewStep) searchCountries() reviewStep {
	r.countrySel = 0
	r.countryMatches = r.countryMatches[:0]
	q := strings.TrimSpace(r.input.Value())
	if q == "" || r.countries == nil {
		return r
	}
	for _, m := range r.countries.Top(q, 6) {
		r.countryMatches = append(r.countryMatches, m.Str)
	}
	return r
}

func (r reviewStep) tryContinue() (reviewStep, tea.Cmd, action) {
	v := r.arabicValue()
	if v != nil {
		if c := fullname.Validate(*v); !c.OK() {
			r.cursor = r.fieldIndex(arabicNameField.key)
			return r, nil, actNotice{sentence: "Arabic full name: " + c.Err, kind: noticeError}
		}
	}
	return r, nil, actToApprove{send: v, docNumber: r.data.DocumentNumber, findings: r.findings, kept: r.kept()}
}

// refused puts the server's message under a field and moves the cursor there.
func (r reviewStep) refused(field, msg string) reviewStep {
	if i := r.fieldIndex(field); i >= 0 {
		r.fieldErr[r.fields[i].spec.key] = msg
		r.cursor = i
	}
	return r
}

func (r reviewStep) ShortHelp() []key.Binding {
	switch {
	case r.asking:
		return []key.Binding{discardKey, stayKey}
	case r.editing && r.fields[r.cursor].spec.kind == kindCountry:
		return append([]key.Binding{countryMove, r.editKeys.Save, r.editKeys.Cancel}, r.input.ShortHelp()...)
	case r.editing:
		return append([]key.Binding{r.editKeys.Save, r.editKeys.Cancel}, r.input.ShortHelp()...)
	case !r.editable():
		// enter on a value read from the scan edits nothing: the footer does not offer it.
		return []key.Binding{r.keys.Move, r.keys.Continue, r.keys.Back, r.keys.Look}
	case r.cursor == len(r.fields):
		return []key.Binding{r.keys.Move, continueKey, r.keys.Back, r.keys.Look}
	}
	return []key.Binding{r.keys.Move, r.keys.Edit, r.keys.Continue, r.keys.Back, r.keys.Look}
}

func (r reviewStep) FullHelp() [][]key.Binding {
	switch {
	case r.asking:
		return [][]key.Binding{r.ShortHelp()}
	case r.editing:
		keys := []key.Binding{r.editKeys.Save, r.editKeys.Cancel}
		if r.fields[r.cursor].spec.kind == kindCountry {
			keys = append(keys, r.editKeys.Up, r.editKeys.Down)
		}
		return append([][]key.Binding{keys}, r.input.FullHelp()...)
	case !r.editable():
		return [][]key.Binding{{r.keys.Up, r.keys.Down}, {r.keys.Continue, r.keys.Back, r.keys.Look}}
	case r.cursor == len(r.fields):
		return [][]key.Binding{{r.keys.Up, r.keys.Down, continueKey}, {r.keys.Continue, r.keys.Back, r.keys.Look}}
	}
	return [][]key.Binding{{r.keys.Up, r.keys.Down, r.keys.Edit}, {r.keys.Continue, r.keys.Back, r.keys.Look}}
}

// editable reports whether enter edits the row under the cursor (the Continue button is not a row).
func (r reviewStep) editable() bool {
	return r.cursor == len(r.fields) || r.fields[r.cursor].spec.set != nil
}

// continueKey is enter's help on the Continue button.
var continueKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "to approval"))

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k ReviewKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Move, k.Edit, k.Continue, k.Back, k.Look}
}
func (k ReviewKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Edit}, {k.Continue, k.Back, k.Look}}
}

// ShortHelp and FullHelp of the editing keys.
func (k EditKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.Cancel} }
func (k EditKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel, k.Up, k.Down}}
}
