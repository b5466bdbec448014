package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// statusOK is the documented success body: {"status": 0}.
var statusOK = map[string]int{"status": 0}

// stepNames is the update-step enum; the SDK may send names or numbers as strings.
var stepNames = map[string]int{
	"nationalid": 1, "passport": 2, "phone": 3, "email": 4,
	"device": 5, "location": 6, "securityquestions": 7, "password": 8,
}

const passportStep = 2

// generateToken is step 1: tenant credentials and an applicant ID in, a session token out.
func (s *Server) generateToken(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSmallBody))
	if err != nil {
		problem(w, "$", "The request body could not be read.")
		return
	}
	var req struct {
		TenantID     string          `json:"tenantId"`
		TenantSecret string          `json:"tenantSecret"`
		ApplicantID  string          `json:"applicantId"`
		UpdateSteps  json.RawMessage `json:"updateSteps"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		problem(w, "$", "The JSON value could not be converted: "+err.Error())
		return
	}
	sc, known := lookupScenario(req.ApplicantID)
	if known && sc.flaky {
		s.mu.Lock()
		s.flakyTokenCalls++
		odd := s.flakyTokenCalls%2 == 1
		s.mu.Unlock()
		if odd {
			badGateway(w, r)
			return
		}
	}
	if !secretEqual(req.TenantID, TenantID) || !secretEqual(req.TenantSecret, TenantSecret) {
		fail(w, r, nil, http.StatusUnauthorized, "INVALID_TENANT", msgTenant)
		return
	}
	if strings.TrimSpace(req.ApplicantID) == "" {
		problem(w, "ApplicantId", "The ApplicantId field is required.")
		return
	}
	if !known {
		fail(w, r, nil, http.StatusNotFound, "APPLICANT_NOT_FOUND", msgApplicant)
		return
	}
	steps, field, msg := parseSteps(req.UpdateSteps)
	if msg != "" {
		problem(w, field, msg)
		return
	}
	se := s.startSession(sc.ApplicantID, sc, steps)
	writeJSON(w, http.StatusOK, map[string]string{
		"token":          se.token,
		"expirationDate": sc.dates.timestamp(se.expires),
	})
}

// parseSteps reads updateSteps as ints ([doc]) or strings ([sdk]: "2" or "Passport"); an
// empty or missing list means every step.
func parseSteps(raw json.RawMessage) (steps []int, field, msg string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return []int{1, 2, 3, 4, 5, 6, 7, 8}, "", ""
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, "updateSteps", "The JSON value could not be converted to a list of update steps."
	}
	if len(items) == 0 {
		return []int{1, 2, 3, 4, 5, 6, 7, 8}, "", ""
	}
	for i, item := range items {
		field := "updateSteps[" + strconv.Itoa(i) + "]"
		var n int
		var name string
		switch {
		case json.Unmarshal(item, &n) == nil:
		case json.Unmarshal(item, &name) == nil:
			name = strings.TrimSpace(name)
			if v, err := strconv.Atoi(name); err == nil {
				n = v
			} else {
				n = stepNames[strings.ToLower(name)]
			}
		default:
			return nil, field, "The JSON value could not be converted to an update step."
		}
		if n < 1 || n > 8 {
			return nil, field, "The value " + string(item) + " is not a valid update step."
		}
		steps = append(steps, n)
	}
	return steps, "", ""
}

// currentSteps answers which steps this session may update.
func (s *Server) currentSteps(w http.ResponseWriter, r *http.Request, se *session, _ []byte) {
	type step struct {
		UpdateStepID    int     `json:"updateStepId"`
		LastUpdatedDate *string `json:"lastUpdatedDate"`
	}
	out := make([]step, 0, len(se.steps))
	for _, n := range se.steps {
		st := step{UpdateStepID: n}
		if n == passportStep {
			last := se.sc.dates.timestamp(s.now().AddDate(-1, -1, 0))
			st.LastUpdatedDate = &last
		}
		out = append(out, st)
	}
	writeJSON(w, http.StatusOK, out)
}

// initialize selects the passport step; one scenario hands out a new token here and retires
// the old one, which API.md tells the client to follow.
func (s *Server) initialize(w http.ResponseWriter, r *http.Request, se *session, _ []byte) {
	if !se.allows(passportStep) {
		fail(w, r, se.sc, http.StatusBadRequest, "STEP_NOT_ALLOWED", msgStepNotAllowed)
		return
	}
	if !se.sc.rotateToken {
		writeJSON(w, http.StatusOK, statusOK)
		return
	}
	old := se.token
	delete(s.sessions, old)
	s.retired[old] = se.sc
	se.token = newToken()
	s.sessions[se.token] = se
	writeJSON(w, http.StatusOK, map[string]any{"status": 0, "token": se.token})
}

// verificationMethod answers the identity check the tenant requires, as {value} or as a
// named record depending on the scenario.
func (s *Server) verificationMethod(w http.ResponseWriter, r *http.Request, se *session, _ []byte) {
	step, err := strconv.Atoi(r.URL.Query().Get("updateStep"))
	if err != nil {
		problem(w, "updateStep", "The value '"+r.URL.Query().Get("updateStep")+"' is not valid for UpdateStep.")
		return
	}
	if !se.allows(step) {
		fail(w, r, se.sc, http.StatusBadRequest, "STEP_NOT_ALLOWED", msgStepNotAllowed)
		return
	}
	if !se.sc.namedMethod {
		writeJSON(w, http.StatusOK, map[string]int{"value": se.sc.method})
		return
	}
	names := map[int][2]string{
		1: {"Password", "كلمة المرور"},
		2: {"Email verification code", "رمز التحقق عبر البريد الإلكتروني"},
	}[se.sc.method]
	writeJSON(w, http.StatusOK, map[string]any{
		"id": se.sc.method, "nameEn": names[0], "nameAr": names[1], "isActive": true,
	})
}

// verifyPasswordDocPath is the documented path; deployments of some scenarios do not have
// it, so the client's fallback to the SDK path is exercised.
func (s *Server) verifyPasswordDocPath(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	se := s.sessionFor(r)
	missing := se != nil && se.sc.docVerify404
	s.mu.Unlock()
	if missing {
		_, _ = io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, maxSmallBody))
		w.WriteHeader(http.StatusNotFound)
		return
	}
	s.call(s.verifyPassword)(w, r)
}

// verifyPassword checks the customer's password, counting wrong ones towards the lock-out.
func (s *Server) verifyPassword(w http.ResponseWriter, r *http.Request, se *session, body []byte) {
	var req struct {
		Password     *string `json:"password"`
		UpdateStepID *int    `json:"updateStepId"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		problem(w, "$", "The JSON value could not be converted: "+err.Error())
		return
	}
	sc := se.sc
	switch {
	case sc.method != 1:
		fail(w, r, sc, http.StatusBadRequest, "VERIFICATION_METHOD", msgEmailMethod)
	case req.UpdateStepID != nil && !se.allows(*req.UpdateStepID):
		fail(w, r, sc, http.StatusBadRequest, "STEP_NOT_ALLOWED", msgStepNotAllowed)
	case se.locked():
		fail(w, r, sc, http.StatusForbidden, "ACCOUNT_LOCKED", msgLocked)
	case req.Password == nil || *req.Password == "":
		problem(w, "Password", "The Password field is required.")
	case !sc.wrongPassword && secretEqual(*req.Password, s.opts.Password):
		se.passwordOK = true
		writeJSON(w, http.StatusOK, statusOK)
	default:
		se.wrongTries++
		if se.locked() {
			se.passwordOK = false
			fail(w, r, sc, http.StatusForbidden, "ACCOUNT_LOCKED", msgLocked)
			return
		}
		fail(w, r, sc, http.StatusBadRequest, "INVALID_PASSWORD", msgWrongPassword, MaxWrongPasswords-se.wrongTries)
	}
}

// translationEnabled answers whether the Arabic-name translation step is on.
func (s *Server) translationEnabled(w http.ResponseWriter, r *http.Request, se *session, _ []byte) {
	writeJSON(w, http.StatusOK, map[string]bool{"value": !se.sc.translationOff})
}

// approve accepts the OCR result once, with the Arabic full name checked by the SDK's rules.
func (s *Server) approve(w http.ResponseWriter, r *http.Request, se *session, body []byte) {
	var req struct {
		FullNameAr *string `json:"fullNameAr"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		problem(w, "$", "The JSON value could not be converted: "+err.Error())
		return
	}
	sc := se.sc
	switch {
	case se.approved:
		fail(w, r, sc, http.StatusBadRequest, "ALREADY_APPROVED", msgAlreadyApproved)
		return
	case se.locked():
		fail(w, r, sc, http.StatusForbidden, "ACCOUNT_LOCKED", msgLocked)
		return
	case !se.passwordOK:
		fail(w, r, sc, http.StatusBadRequest, "PASSWORD_NOT_VERIFIED", msgPasswordFirst)
		return
	case se.ocr == nil:
		fail(w, r, sc, http.StatusBadRequest, "PASSPORT_NOT_UPLOADED", msgUploadFirst)
		return
	}
	name := ""
	if req.FullNameAr != nil {
		name = strings.TrimSpace(*req.FullNameAr)
	}
	if name == "" && !sc.translationOff {
		problem(w, "FullNameAr", "The FullNameAr field is required.")
		return
	}
	if name != "" {
		if msg := checkArabicName(name); msg != "" {
			problem(w, "FullNameAr", msg)
			return
		}
	}
	se.approved = true
	writeJSON(w, http.StatusOK, statusOK)
}
