package api

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// Transport limits. The per-call timeouts (WithTimeout, WithUploadTimeout) are the real limits;
// these only stop a connection from hanging where no call deadline reaches.
const (
	dialTimeout           = 10 * time.Second
	tlsHandshakeTimeout   = 10 * time.Second
	responseHeaderTimeout = 3 * time.Minute // above the slowest OCR a deployment could allow
	maxRedirects          = 5
)

// NewHTTPClient builds the transport: TLS 1.2 minimum, extra CAs from caFile (PEM) if set,
// no cross-host redirects (the bearer token never follows one). There is deliberately no way
// to skip certificate verification. setting names where caFile came from, as the person set it
// (a flag or an environment variable): the sentence about a file that cannot be used names it,
// so this package need not know the program's flags. "" names none.
func NewHTTPClient(caFile, setting string) (*http.Client, error) {
	// Without a CA file RootCAs stays nil: crypto/tls then loads the system roots on the first
	// handshake, so a demo on loopback never pays for parsing them at start-up.
	var pool *x509.CertPool
	if caFile != "" {
		var err error
		if pool, err = x509.SystemCertPool(); err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, &Error{Call: "NewHTTPClient", Kind: KindRefused, reason: reasonCAUnreadable,
				host: caFile, setting: setting, Err: err}
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, &Error{Call: "NewHTTPClient", Kind: KindRefused, reason: reasonCANoCerts, host: caFile, setting: setting}
		}
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: pool},
		TLSHandshakeTimeout:   tlsHandshakeTimeout,
		ResponseHeaderTimeout: responseHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: tr, CheckRedirect: sameOriginRedirect}, nil
}

// redirectError is returned by the redirect policy; the request was answered with a redirect
// to Location, which was not followed.
type redirectError struct{ location string }

func (e *redirectError) Error() string { return "redirect to another origin refused: " + e.location }

// sameOriginRedirect follows a redirect only for a GET, and only to the same scheme, host and
// port. A POST is never sent again through a redirect: Go would resend it (307/308) or turn it
// into a GET (301/302/303), and an approval must leave this program once; the redirect answer
// itself comes back to the caller. Go drops Authorization only for another domain, but two
// ports on one host (or https→http) are two servers as far as the bearer token is concerned.
func sameOriginRedirect(req *http.Request, via []*http.Request) error {
	if len(via) == 0 {
		return nil
	}
	if m := via[0].Method; m != http.MethodGet && m != http.MethodHead {
		return http.ErrUseLastResponse
	}
	first := via[0].URL
	if req.URL.Scheme != first.Scheme || !strings.EqualFold(req.URL.Host, first.Host) {
		return &redirectError{location: req.URL.Scheme + "://" + req.URL.Host}
	}
	if len(via) >= maxRedirects {
		return errors.New("stopped after too many redirects")
	}
	return nil
}

// withSameOriginRedirects returns a shallow copy of h whose redirect policy refuses other
// origins before h's own policy is consulted.
func withSameOriginRedirects(h *http.Client) *http.Client {
	cp := *h
	prev := h.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := sameOriginRedirect(req, via); err != nil {
			return err
		}
		if prev != nil {
			return prev(req, via)
		}
		return nil
	}
	return &cp
}
