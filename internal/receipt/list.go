package receipt

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"example.com/passport-update/api/fullname"
	"example.com/passport-update/internal/imagecheck"
)

// Case is one receipt as a day's list shows it. Every text is cleaned of controls (fullname.Clean):
// a receipt is read back from a folder anyone with access could have put a file in.
type Case struct {
	File        string    `json:"file"` // the receipt's name in the folder, escaped as the picker shows names
	At          time.Time `json:"time"` // when the case ended (finishedAt, else startedAt)
	Operator    string    `json:"operator"`
	Host        string    `json:"host"`
	ApplicantID string    `json:"applicantId"`
	Outcome     string    `json:"outcome"`
	// NeedsCheck: the outcome is Unknown, and someone checks the customer's record in the
	// back office before anyone approves again.
	NeedsCheck     bool     `json:"needsBackOfficeCheck"`
	Corrected      []string `json:"correctedFields"` // the fields corrected on Review
	Checks         []string `json:"checkCodes"`      // the codes of the findings, one per finding
	DocumentNumber string   `json:"documentNumber"`
	// FullNameAr is the Arabic name the case ended with: the one sent, else the corrected one,
	// else what OCR read. Logical order, as stored.
	FullNameAr string `json:"fullNameAr"`
}

// Skipped is a file in the folder that is not one of our receipts, and why.
type Skipped struct {
	File   string // escaped as the picker shows names
	Reason string
}

// Listing is a folder's receipts for a period.
type Listing struct {
	Cases   []Case         // Unknown first, then by time
	Totals  map[string]int // cases per outcome
	Skipped []Skipped      // in the folder's name order
}

// Filter says which cases a listing keeps: those that ended in [From, To), and, when Operator is
// set, those of that operator (letter case ignored).
type Filter struct {
	From, To time.Time
	Operator string
}

// maxReceiptBytes is far above any receipt (they hold no image): a larger file is not one.
const maxReceiptBytes = 1 << 20

// namePattern is FileName's shape, with Write's "-2", "-3"… suffixes.
var namePattern = regexp.MustCompile(`^passport-update-(\d{8}T\d{6}Z)-[A-Za-z0-9_-]+\.json$`)

// List reads the receipts in dir and keeps the cases f asks for. It only reads: each file is
// opened read-only, nothing in the folder is created, renamed or changed. A file that is not one of
// our receipts (another name, not a regular file, not JSON, JSON of another shape) is skipped and
// named in Skipped, whatever its date. The error is for a folder that cannot be read at all.
func List(dir string, f Filter) (Listing, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Listing{}, err
	}
	l := Listing{Totals: map[string]int{}}
	for _, e := range entries {
		name := e.Name()
		c, why := readCase(dir, e)
		if why != "" {
			l.Skipped = append(l.Skipped, Skipped{File: imagecheck.EscapeName(name), Reason: why})
			continue
		}
		if c.At.Before(f.From) || !c.At.Before(f.To) {
			continue
		}
		if f.Operator != "" && !strings.EqualFold(c.Operator, strings.TrimSpace(f.Operator)) {
			continue
		}
		l.Cases = append(l.Cases, c)
		l.Totals[c.Outcome]++
	}
	sort.SliceStable(l.Cases, func(i, j int) bool {
		a, b := l.Cases[i], l.Cases[j]
		if a.NeedsCheck != b.NeedsCheck {
			return a.NeedsCheck
		}
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		return a.File < b.File
	})
	return l, nil
}

// stored is what a listing reads of a receipt: a subset of Receipt, so that a field this
// version does not list can never make a receipt unreadable.
type stored struct {
	Tool        string       `json:"tool"`
	Operator    string       `json:"operator"`
	Host        string       `json:"host"`
	ApplicantID string       `json:"applicantId"`
	Outcome     string       `json:"outcome"`
	Corrections []Correction `json:"corrections"`
	Findings    []struct {
		Code string `json:"code"`
	} `json:"findings"`
	Extracted struct {
		DocumentNumber string `json:"documentNumber"`
		FullNameAr     string `json:"fullNameAr"`
	} `json:"extracted"`
	FullNameAr *string   `json:"fullNameArSent"`
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt"`
}

// readCase reads one folder entry, or says why it is not a receipt.
func readCase(dir string, e os.DirEntry) (Case, string) {
	m := namePattern.FindStringSubmatch(e.Name())
	switch {
	case e.IsDir():
		return Case{}, "a folder, not a receipt"
	case m == nil:
		return Case{}, "not named as a receipt (passport-update-<time>-<applicant>.json)"
	case !e.Type().IsRegular():
		// A link or a pipe is never opened: a pipe would block the listing.
		return Case{}, "not a regular file"
	}
	body, err := readOnly(filepath.Join(dir, e.Name()))
	if err != nil {
		return Case{}, err.Error()
	}
	if !json.Valid(body) {
		return Case{}, "not JSON (damaged or cut short)"
	}
	var s stored
	if err := json.Unmarshal(body, &s); err != nil || !strings.HasPrefix(s.Tool, "passport-update") || s.Outcome == "" {
		return Case{}, "JSON, but not a passport-update receipt"
	}
	at := s.FinishedAt
	if at.IsZero() {
		at = s.StartedAt
	}
	if at.IsZero() {
		at, _ = time.Parse("20060102T150405Z", m[1]) // FileName's own fallback
	}
	c := Case{
		File:           imagecheck.EscapeName(e.Name()),
		At:             at,
		Operator:       fullname.Clean(s.Operator),
		Host:           fullname.Clean(s.Host),
		ApplicantID:    fullname.Clean(s.ApplicantID),
		Outcome:        fullname.Clean(readOutcome(s.Outcome)),
		Corrected:      []string{},
		Checks:         []string{},
		DocumentNumber: fullname.Clean(s.Extracted.DocumentNumber),
		FullNameAr:     fullname.Clean(s.Extracted.FullNameAr),
	}
	c.NeedsCheck = c.Outcome == Unknown
	for _, k := range s.Corrections {
		c.Corrected = append(c.Corrected, fullname.Clean(k.Field))
		if k.Field == "FullNameAr" {
			c.FullNameAr = fullname.Clean(k.Corrected)
		}
	}
	if s.FullNameAr != nil && *s.FullNameAr != "" {
		c.FullNameAr = fullname.Clean(*s.FullNameAr)
	}
	for _, f := range s.Findings {
		c.Checks = append(c.Checks, fullname.Clean(f.Code))
	}
	return c, ""
}

// readOnly reads a receipt through a read-only handle, refusing one larger than any receipt.
func readOnly(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot be read (%v)", pathReason(err))
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxReceiptBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot be read (%v)", pathReason(err))
	}
	if len(body) > maxReceiptBytes {
		return nil, fmt.Errorf("larger than any receipt (over %d bytes)", maxReceiptBytes)
	}
	return body, nil
}

// pathReason is what went wrong with a file, without the operation and path the sentence names.
func pathReason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
