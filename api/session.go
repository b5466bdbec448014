package api

import (
	"context"
	"slices"
	"time"
)

// PassportSession is what OpenPassportSession learned.
type PassportSession struct {
	Client    *Client // carries the token
	ExpiresAt time.Time
	Method    VerificationMethod
}

// OpenPassportSession runs steps 1, 2, 3 and 3b for the passport step. Errors:
// ErrPassportStepNotAllowed, *UnsupportedMethodError, or *Error.
func (c *Client) OpenPassportSession(ctx context.Context, tenantID, tenantSecret, applicantID string) (PassportSession, error) {
	s, err := c.GenerateUpdateRequestSessionToken(ctx, SessionRequest{
		TenantID: tenantID, TenantSecret: tenantSecret, ApplicantID: applicantID,
		UpdateSteps: []UpdateStep{StepPassport},
	})
	if err != nil {
		return PassportSession{}, err
	}
	sc := c.WithToken(s.Token)
	steps, err := sc.GetCurrentRequestSteps(ctx)
	if err != nil {
		return PassportSession{}, err
	}
	if !slices.ContainsFunc(steps, func(a AllowedStep) bool { return a.Step == StepPassport }) {
		return PassportSession{}, ErrPassportStepNotAllowed
	}
	tok, err := sc.Initialize(ctx, StepPassport)
	if err != nil {
		return PassportSession{}, err
	}
	if tok != "" {
		sc = sc.WithToken(tok) // [open] in API.md: a token in the answer replaces step 1's
	}
	ps, err := sc.ResumePassportSession(ctx)
	if err != nil {
		return PassportSession{}, err
	}
	ps.ExpiresAt = s.ExpiresAt
	return ps, nil
}

// ResumePassportSession is OpenPassportSession for a ready token: step 3b only.
func (c *Client) ResumePassportSession(ctx context.Context) (PassportSession, error) {
	m, err := c.GetUpdateVerificationMethod(ctx, StepPassport)
	if err != nil {
		return PassportSession{}, err
	}
	if m.ID != MethodPassword {
		// The method's names come from the server and end up in a sentence.
		m.NameEn, m.NameAr = c.Redact(m.NameEn), c.Redact(m.NameAr)
		return PassportSession{}, &UnsupportedMethodError{Method: m}
	}
	return PassportSession{Client: c, Method: m}, nil
}
