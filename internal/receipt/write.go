package receipt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"example.com/passport-update/api/checks"
	"example.com/passport-update/api/fullname"
	"example.com/passport-update/internal/imagecheck"
)

// maxSuffix bounds the search for a free name; a thousand receipts for one document in one
// second means something else is wrong.
const maxSuffix = 1000

// Write stores r as a new file in dir (created 0700 if missing), mode 0600, and returns its path.
// The file is named after the finishing time and the document number (FileName); an existing
// file is never overwritten: the name gets "-2", "-3"… instead.
func Write(dir string, r Receipt) (string, error) {
	if dir == "" {
		return "", errors.New("receipt: no folder given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("receipt: create folder: %w", err)
	}
	body, err := encode(r)
	if err != nil {
		return "", fmt.Errorf("receipt: encode: %w", err)
	}
	base := strings.TrimSuffix(FileName(r), ".json")
	for i := 1; i <= maxSuffix; i++ {
		name := base + ".json"
		if i > 1 {
			name = base + "-" + strconv.Itoa(i) + ".json"
		}
		path := filepath.Join(dir, name)
		// O_EXCL: a receipt already there (or a symlink planted in its place) is never written.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("receipt: create file: %w", err)
		}
		if err := store(f, body); err != nil {
			os.Remove(path)
			return "", fmt.Errorf("receipt: write %s: %w", name, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("receipt: %d receipts named %s already exist", maxSuffix, base)
}

// Writable makes sure Write will be able to store receipts in dir: it creates the folder as Write
// does (0700) and creates and removes a file in it. Front ends ask at start-up, so that nothing is
// approved by a program that then cannot keep the record it promised.
func Writable(dir string) error {
	if dir == "" {
		return errors.New("receipt: no folder given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("receipt: create folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".passport-update-check-*")
	if err != nil {
		return fmt.Errorf("receipt: write in folder: %w", err)
	}
	name := f.Name()
	err = f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("receipt: write in folder: %w", err)
	}
	return nil
}

// encode writes r as indented JSON. HTML escaping is off so the MRZ's fillers stay "<" for the
// person reading the file; empty lists are written as [] rather than null.
//
// People read receipts with cat, so the text that names things from outside (the image's file
// name, the applicant ID, the findings' sentences) is written as the screens draw it: the file
// name escaped (imagecheck.EscapeName, as the picker shows it), the rest (the operator and host
// too) through fullname.Clean; no
// escape sequence, control or bidi control reaches the terminal. OCR's values in
// Extracted and the corrections are data and stay as the server and the person gave them.
func encode(r Receipt) ([]byte, error) {
	if r.Corrections == nil {
		r.Corrections = []Correction{}
	}
	r.ImageName = imagecheck.EscapeName(r.ImageName)
	r.ApplicantID = fullname.Clean(r.ApplicantID)
	r.Operator, r.Host = fullname.Clean(r.Operator), fullname.Clean(r.Host)
	findings := make([]checks.Finding, len(r.Findings)) // never the caller's slice
	for i, f := range r.Findings {
		f.Sentence = fullname.Clean(f.Sentence)
		findings[i] = f
	}
	r.Findings = findings
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// store writes and syncs: a receipt is the branch's proof of an approval, so it must survive a
// power cut right after the Done screen.
func store(f *os.File, body []byte) error {
	_, err := f.Write(body)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// FileName is the name Write gives r before any "-2" suffix:
// "passport-update-20261126T093012Z-APP-1042.json" — the UTC finishing time (or starting time, or
// now) and the applicant ID, reduced to letters, digits, '-' and '_'. Never the passport number:
// names show where contents do not (a folder listing, a backup manifest, a bug tracker's list of
// attachments), and the applicant ID is the bank's own reference.
func FileName(r Receipt) string {
	at := r.FinishedAt
	if at.IsZero() {
		at = r.StartedAt
	}
	if at.IsZero() {
		at = time.Now()
	}
	tag := sanitise(r.ApplicantID)
	if tag == "" {
		tag = "receipt"
	}
	return "passport-update-" + at.UTC().Format("20060102T150405Z") + "-" + tag + ".json"
}

// sanitise keeps a name safe on every file system and in every shell: ASCII letters, digits,
// '-' and '_', other runs folded into one '_', at most 40 characters.
func sanitise(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
		if !ok {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte('_')
			gap = false
		}
		if b.Len() >= 40 {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), "_-")
}
