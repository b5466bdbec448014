package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// The API paths (API.md). The translation path's typo is the real path.
const (
	pathSessionToken       = "/api/v1/Auth/GenerateUpdateRequestSessionToken"
	pathCurrentSteps       = "/api/v1/update/UpdateRequest/GetCurrentRequestSteps"
	pathInitialize         = "/api/v1/update/UpdateRequest/Initialize/"
	pathVerificationMethod = "/api/v1/update/UpdateRequest/GetUpdateVerificationMethod"
	pathVerifyPasswordDoc  = "/api/v1/update/UpdateRequest/VerifyPassword"
	pathVerifyPasswordSDK  = "/api/v1/update/PasswordUpdateAuthentication/VerifyPassword"
	pathUpload             = "/api/v1/update/UpdatePassport/UploadPassportImage"
	pathTranslation        = "/api/v1/update/UpdatePassport/IsTranaslationStepEnabled"
	pathApprove            = "/api/v1/update/UpdatePassport/Approve"
)

// sessionTokenBody is step 1's body; the steps go as ints, as the docs show.
type sessionTokenBody struct {
	TenantID     string       `json:"tenantId"`
	TenantSecret string       `json:"tenantSecret"`
	ApplicantID  string       `json:"applicantId"`
	UpdateSteps  []UpdateStep `json:"updateSteps"`
}

// GenerateUpdateRequestSessionToken is step 1: tenant credentials and the applicant ID for a
// session token. It sends no bearer; the tenant secret is redacted from anything it reports.
func (c *Client) GenerateUpdateRequestSessionToken(ctx context.Context, r SessionRequest) (Session, error) {
	steps := r.UpdateSteps
	if steps == nil {
		steps = []UpdateStep{}
	}
	body, _ := json.Marshal(sessionTokenBody{r.TenantID, r.TenantSecret, r.ApplicantID, steps})
	var s Session
	err := c.exchange(ctx, request{
		call: "GenerateUpdateRequestSessionToken", method: http.MethodPost, path: pathSessionToken,
		body: body, secrets: []string{r.TenantSecret}, noAuth: true, timeout: c.timeout, secretAnswer: true,
		idempotent: true, // a second token for the same applicant replaces nothing
	}, func(a answer) (e *Error) { s, e = decodeSession(a.body); return e })
	if err != nil {
		return Session{}, err
	}
	c.secrets.add(s.Token)
	return s, nil
}

// GetCurrentRequestSteps is step 2: the steps this session may update.
func (c *Client) GetCurrentRequestSteps(ctx context.Context) ([]AllowedStep, error) {
	var steps []AllowedStep
	err := c.exchange(ctx, request{
		call: "GetCurrentRequestSteps", method: http.MethodGet, path: pathCurrentSteps, timeout: c.timeout,
		idempotent: true,
	}, func(a answer) (e *Error) { steps, e = decodeSteps(a.body); return e })
	if err != nil {
		return nil, err
	}
	return steps, nil
}

// Initialize selects the step; if the answer carries a token, it is returned (else "").
func (c *Client) Initialize(ctx context.Context, step UpdateStep) (newToken string, err error) {
	err = c.exchange(ctx, request{
		call: "Initialize", method: http.MethodPost, path: pathInitialize + strconv.Itoa(int(step)),
		timeout: c.timeout, secretAnswer: true, idempotent: true, // selecting the same step again
	}, func(a answer) (e *Error) { newToken, e = decodeInitialize(a.body); return e })
	if err != nil {
		return "", err
	}
	c.secrets.add(newToken)
	return newToken, nil
}

// GetUpdateVerificationMethod is step 3b: the identity check the tenant requires.
func (c *Client) GetUpdateVerificationMethod(ctx context.Context, step UpdateStep) (VerificationMethod, error) {
	var m VerificationMethod
	err := c.exchange(ctx, request{
		call: "GetUpdateVerificationMethod", method: http.MethodGet, path: pathVerificationMethod,
		query: url.Values{"updateStep": {strconv.Itoa(int(step))}}, timeout: c.timeout, idempotent: true,
	}, func(a answer) (e *Error) { m, e = decodeMethod(a.body); return e })
	if err != nil {
		return VerificationMethod{}, err
	}
	return m, nil
}

type verifyPasswordBody struct {
	Password     string     `json:"password"`
	UpdateStepID UpdateStep `json:"updateStepId"`
}

// Remembered VerifyPassword paths (Client.learned).
const (
	learnedUnknown int32 = iota
	learnedDoc
	learnedSDK
)

// VerifyPassword is step 4. With VerifyAuto the documented path is tried first and the SDK's
// on a 404; the path that answered is remembered by this client and all its WithToken copies.
func (c *Client) VerifyPassword(ctx context.Context, password string, step UpdateStep) error {
	body, _ := json.Marshal(verifyPasswordBody{password, step})
	send := func(path string) error {
		return c.exchange(ctx, request{
			call: "VerifyPassword", method: http.MethodPost, path: path, body: body,
			secrets: []string{password}, timeout: c.timeout,
		}, func(a answer) *Error { return decodeVerdict(a.body) })
	}
	switch c.verifyPath {
	case VerifyDoc:
		return send(pathVerifyPasswordDoc)
	case VerifySDK:
		return send(pathVerifyPasswordSDK)
	}
	if c.learned.Load() == learnedSDK {
		return send(pathVerifyPasswordSDK)
	}
	err := send(pathVerifyPasswordDoc)
	if !isNotFound(err) {
		if answered(err) {
			c.learned.CompareAndSwap(learnedUnknown, learnedDoc)
		}
		return err
	}
	if c.learned.Load() == learnedDoc && !routeMissing(err) {
		return err // the doc path worked before and the server said why: its answer, not a missing route
	}
	sdkErr := send(pathVerifyPasswordSDK)
	if isNotFound(sdkErr) {
		return err // neither path exists: report the documented one
	}
	if answered(sdkErr) {
		c.learned.Store(learnedSDK)
	}
	return sdkErr
}

// routeMissing: a 404 that carries no message, code or field errors, as a server or gateway
// answers for a path it does not route (an application's own 404 says what was not found).
func routeMissing(err error) bool {
	e, ok := err.(*Error)
	return ok && e.StatusCode == http.StatusNotFound && e.Message == "" && e.ErrorCode == "" && len(e.FieldErrors) == 0
}

func isNotFound(err error) bool {
	e, ok := err.(*Error)
	return ok && e.StatusCode == http.StatusNotFound
}

// answered: the server itself answered (success or an HTTP status other than 404), so the
// path exists.
func answered(err error) bool {
	if err == nil {
		return true
	}
	e, ok := err.(*Error)
	return ok && e.StatusCode != 0 && e.StatusCode != http.StatusNotFound && e.reason != reasonHTML
}

// maxImageBytes bounds Size so the base64 length always fits an int.
const maxImageBytes = 1 << 40

// UploadPassportImage is step 5: the image streamed as base64 inside the JSON body, never held
// whole. It fails with KindFailed when the server could not read the passport.
func (c *Client) UploadPassportImage(ctx context.Context, r UploadRequest) (UploadResult, error) {
	if r.Image == nil || r.Size < 0 || r.Size > maxImageBytes {
		return UploadResult{}, &Error{Call: "UploadPassportImage", Kind: KindRefused, reason: reasonImageRead}
	}
	var res UploadResult
	err := c.exchange(ctx, request{
		call: "UploadPassportImage", method: http.MethodPost, path: pathUpload,
		stream: newUploadBody(r), timeout: c.uploadTimeout,
	}, func(a answer) (e *Error) { res, e = decodeUpload(a.body); return e })
	if err != nil {
		return UploadResult{}, err
	}
	res.Message = c.Redact(res.Message)
	return res, nil
}

// IsTranslationStepEnabled is step 6 ({value: bool}).
func (c *Client) IsTranslationStepEnabled(ctx context.Context) (bool, error) {
	var enabled bool
	err := c.exchange(ctx, request{
		call: "IsTranslationStepEnabled", method: http.MethodGet, path: pathTranslation, timeout: c.timeout,
		idempotent: true,
	}, func(a answer) (e *Error) { enabled, e = decodeTranslation(a.body); return e })
	if err != nil {
		return false, err
	}
	return enabled, nil
}

type approveBody struct {
	FullNameAr *string `json:"fullNameAr"`
}

// Approve sends fullNameAr (nil → JSON null). Never retried; only an explicit success answer
// is an approval, and OutcomeUnknown says when a failure may still have been applied.
func (c *Client) Approve(ctx context.Context, fullNameAr *string) error {
	body, _ := json.Marshal(approveBody{fullNameAr})
	return c.exchange(ctx, request{
		call: "Approve", method: http.MethodPost, path: pathApprove, body: body, timeout: c.timeout,
	}, func(a answer) *Error { return decodeVerdict(a.body) })
}
