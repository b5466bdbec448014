package sandbox

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the OCR reads JPEG scans
	"image/png"
	"io"
	"net/http"
	"sync"
	"time"

	"example.com/passport-update/api/sandbox/internal/persona"
	"example.com/passport-update/internal/imagecheck"
)

// minReadableWidth is the narrowest scan the sandbox's OCR reads; below it the answer is the
// "too small" failure, which the tiny specimen demonstrates.
const minReadableWidth = 600

// ocrRead is what the OCR "read" from the last upload of a session.
type ocrRead struct {
	p          persona.Persona // the fields as OCR reports them
	visualZone string          // the MRZ as OCR reports it
	arabic     bool            // whether OCR returned the Arabic name
	customerID string
	face       string // base64 PNG of the face crop
}

// upload is step 5. It checks the session first, then reads the body (always to the end, so a
// client in the middle of a large write gets the answer rather than a reset), then "reads" the
// passport.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUploadBytes)

	s.mu.Lock()
	flaky := false
	if se := s.sessionFor(r); se != nil {
		flaky = se.flakyFails(r)
	}
	var deny answer
	var se *session
	if !flaky {
		se, deny = s.authCheck(r)
		if deny == nil {
			deny = uploadRefusal(se)
		}
	}
	s.mu.Unlock()
	if flaky {
		badGateway(w, r)
		return
	}
	if deny != nil {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			s.bodyError(w, r, nil, err)
			return
		}
		deny(w, r)
		return
	}
	sc := se.sc

	body, err := readUploadBody(r.Body)
	if err != nil {
		s.bodyError(w, r, sc, err)
		return
	}
	if !body.hasImage {
		problem(w, "Image", "The Image field is required.")
		return
	}
	if sc.slowOCR {
		if s.ocrWaiting != nil {
			s.ocrWaiting()
		}
		t := time.NewTimer(s.opts.OCRDelay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return // the client gave up; nobody is listening
		}
	}
	if sc.ocrFails {
		ocrFailure(w, r, sc, "OCR_FAILED", msgOCRFailed.in(r))
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(body.image))
	if body.badBase64 || len(body.image) == 0 || err != nil || format != "jpeg" && format != "png" {
		ocrFailure(w, r, sc, "IMAGE_UNREADABLE", msgUnreadable.in(r))
		return
	}
	if cfg.Width < minReadableWidth {
		ocrFailure(w, r, sc, "OCR_FAILED", msgTooSmall.in(r, cfg.Width, cfg.Height))
		return
	}

	read := s.readPassport(sc, body)

	s.mu.Lock()
	if deny := uploadRefusal(se); deny != nil {
		s.mu.Unlock()
		deny(w, r)
		return
	}
	se.ocr = &read
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, uploadSuccess(r, sc, read, s.now()))
}

// uploadRefusal is the session rule an upload breaks, if any. The caller must hold s.mu.
func uploadRefusal(se *session) answer {
	sc := se.sc
	switch {
	case se.approved:
		return func(w http.ResponseWriter, r *http.Request) {
			fail(w, r, sc, http.StatusBadRequest, "ALREADY_APPROVED", msgAlreadyApproved)
		}
	case se.locked():
		return func(w http.ResponseWriter, r *http.Request) {
			fail(w, r, sc, http.StatusForbidden, "ACCOUNT_LOCKED", msgLocked)
		}
	case !se.allows(passportStep):
		return func(w http.ResponseWriter, r *http.Request) {
			fail(w, r, sc, http.StatusBadRequest, "STEP_NOT_ALLOWED", msgStepNotAllowed)
		}
	case !se.passwordOK:
		return func(w http.ResponseWriter, r *http.Request) {
			fail(w, r, sc, http.StatusBadRequest, "PASSWORD_NOT_VERIFIED", msgPasswordFirst)
		}
	}
	return nil
}

func (s *Server) bodyError(w http.ResponseWriter, r *http.Request, sc *scenario, err error) {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		fail(w, r, sc, http.StatusRequestEntityTooLarge, "IMAGE_TOO_LARGE", msgTooLarge, imagecheck.HumanBytes(tooLarge.Limit))
	case errors.Is(err, errBodySyntax), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		problem(w, "$", "The request body is not a valid JSON object ("+err.Error()+").")
	default:
		// The client went away mid-body; there is nobody to answer.
	}
}

func ocrFailure(w http.ResponseWriter, r *http.Request, sc *scenario, name, msg string) {
	out := map[string]any{"isSuccess": false, "message": msg, "errorCode": code(sc, name)}
	switch sc.dataKey {
	case passportData:
		out["passportData"] = nil
	case customerData:
		out["customerData"] = nil
	}
	writeJSON(w, http.StatusOK, out)
}

// readPassport decides what the OCR reads: the persona drawn on a specimen, or the stable
// persona of the image's hash, then the scenario's twist.
func (s *Server) readPassport(sc *scenario, body uploadBody) ocrRead {
	p, ok := specimenPersona(body.sum)
	if !ok {
		p = persona.FromHash(body.sum)
	}
	read := ocrRead{p: p, visualZone: p.VisualZone(), arabic: true, face: faceCrop(p, ok),
		customerID: fmt.Sprintf("CUST-%X", body.sum[:4])}
	if body.customerID != nil && *body.customerID != "" {
		read.customerID = *body.customerID
	}
	switch {
	case sc.expired:
		// The document expired two months ago; its MRZ says so too.
		today := s.now().UTC()
		read.p.ExpiryDate = persona.Date(today.Year(), today.Month(), today.Day()).AddDate(0, -2, 0)
		read.p.IssueDate = read.p.ExpiryDate.AddDate(-10, 0, 1)
		read.visualZone = read.p.VisualZone()
	case sc.mrzMismatch:
		// The MRZ stays as printed; the visual-zone fields are "misread".
		read.p.DocumentNumber = misread(p.DocumentNumber)
		read.p.BirthDate = p.BirthDate.AddDate(0, 0, 5)
	}
	if sc.noArabicName || sc.translationOff {
		read.arabic = false
	}
	return read
}

// misread changes the document number's last digit, the way OCR confuses 3 and 8 or 1 and 7.
func misread(doc string) string {
	b := []byte(doc)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '0' + (b[i]-'0'+5)%10
			return string(b)
		}
	}
	return doc + "8"
}

var faceCache sync.Map // specimen persona key → base64 PNG

// faceCrop is the "face crop" OCR returns: the same silhouette drawn in the specimen's photo
// box. Only the few specimen personas are cached, so arbitrary uploads cannot grow the cache.
func faceCrop(p persona.Persona, specimen bool) string {
	if v, ok := faceCache.Load(p.Key); ok {
		return v.(string)
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, persona.Face(p, 96, 128))
	v := base64.StdEncoding.EncodeToString(buf.Bytes())
	if specimen {
		faceCache.Store(p.Key, v)
	}
	return v
}
