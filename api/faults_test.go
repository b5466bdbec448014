package api_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// selfSigned makes a certificate that is its own root, for names and IPs, valid in [from, to].
func selfSigned(t *testing.T, names []string, ips []net.IP, from, to time.Time) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "Test Bank Private CA"},
		NotBefore: from, NotAfter: to, DNSNames: names, IPAddresses: ips, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// tlsServer serves ok over TLS with cert and returns a client trusting caPEM via --ca-file.
func tlsServer(t *testing.T, cert tls.Certificate, caPEM []byte) (*api.Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewUnstartedServer(answerWith(200, `{"value":true}`))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	var opts []api.Option
	if caPEM != nil {
		caFile := filepath.Join(t.TempDir(), "bank-ca.pem")
		if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
			t.Fatal(err)
		}
		h, err := api.NewHTTPClient(caFile, "--ca-file")
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, api.WithHTTPClient(h))
	}
	c, err := api.New(srv.URL, append(opts, api.WithToken(testToken))...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestTLSFailuresSayWhatIsWrongWithTheCertificate(t *testing.T) {
	now := time.Now()
	loopback := []net.IP{net.ParseIP("127.0.0.1")}
	rows := []struct {
		name   string
		setup  func(t *testing.T) *api.Client
		reason string // part of the sentence
	}{
		{"self-signed, not trusted", func(t *testing.T) *api.Client {
			cert, _ := selfSigned(t, nil, loopback, now.Add(-time.Hour), now.Add(time.Hour))
			c, _ := tlsServer(t, cert, nil)
			return c
		}, "if your bank uses a private CA, pass --ca-file"},
		{"expired", func(t *testing.T) *api.Client {
			cert, ca := selfSigned(t, nil, loopback, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
			c, _ := tlsServer(t, cert, ca)
			return c
		}, "expired"},
		{"issued for another host", func(t *testing.T) *api.Client {
			cert, ca := selfSigned(t, []string{"ekyc.bank.example"}, nil, now.Add(-time.Hour), now.Add(time.Hour))
			c, _ := tlsServer(t, cert, ca)
			return c
		}, "not valid for 127.0.0.1"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			c := row.setup(t)
			_, err := c.IsTranslationStepEnabled(ctx(t))
			e := asAPIError(t, err, "IsTranslationStepEnabled")
			if e.Kind != api.KindTLS {
				t.Errorf("Kind %v (%v)", e.Kind, e)
			}
			if e.Sent {
				t.Errorf("Sent = true, but the handshake failed before any request")
			}
			checkSentence(t, e, row.reason)
		})
	}
	t.Run("private CA trusted through --ca-file", func(t *testing.T) {
		cert, ca := selfSigned(t, nil, loopback, now.Add(-time.Hour), now.Add(time.Hour))
		c, _ := tlsServer(t, cert, ca)
		on, err := c.IsTranslationStepEnabled(ctx(t))
		if err != nil || !on {
			t.Fatalf("got %v, %v", on, err)
		}
	})
}

func TestNewHTTPClientRefusesUnusableCAFilesAndOldTLS(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notPEM, []byte("ask IT for the certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	rows := []struct{ name, file, says string }{
		{"missing file", filepath.Join(dir, "missing.pem"), "could not be read"},
		{"no certificate inside", notPEM, "holds no PEM certificate"},
	}
	for _, row := range rows {
		// The sentence names the setting the caller says the file came from, and no other.
		for _, setting := range []string{"PASSPORT_CA_FILE", "--ca-file", ""} {
			t.Run(row.name+" from "+setting, func(t *testing.T) {
				_, err := api.NewHTTPClient(row.file, setting)
				e := asAPIError(t, err, "NewHTTPClient")
				checkSentence(t, e, row.says, row.file, setting)
				if other := strings.NewReplacer(setting, "").Replace(e.Sentence()); strings.Contains(other, "--ca-file") || strings.Contains(other, "PASSPORT_") {
					t.Errorf("sentence %q names a setting the file did not come from", e.Sentence())
				}
			})
		}
	}
	t.Run("TLS 1.2 minimum", func(t *testing.T) {
		h, err := api.NewHTTPClient("", "")
		if err != nil {
			t.Fatal(err)
		}
		tr := h.Transport.(*http.Transport)
		if tr.TLSClientConfig.MinVersion != tls.VersionTLS12 || tr.TLSClientConfig.InsecureSkipVerify {
			t.Errorf("TLS config %+v", tr.TLSClientConfig)
		}
		if tr.TLSHandshakeTimeout == 0 || tr.ResponseHeaderTimeout == 0 {
			t.Errorf("transport without timeouts")
		}
	})
}

func TestARedirectToAnotherHostIsRefusedAndNeverCarriesTheToken(t *testing.T) {
	for _, own := range []bool{false, true} {
		t.Run(fmt.Sprintf("caller's http.Client %v", own), func(t *testing.T) {
			var leaked atomic.Value
			var hits atomic.Int32
			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				leaked.Store(r.Header.Get("Authorization"))
				answerWith(200, `{"value":true}`)(w, r)
			}))
			defer other.Close()
			first := httptest.NewServer(http.RedirectHandler(other.URL+"/api/v1/update/UpdatePassport/IsTranaslationStepEnabled", http.StatusTemporaryRedirect))
			defer first.Close()
			opts := []api.Option{api.WithToken(testToken)}
			if own {
				opts = append(opts, api.WithHTTPClient(&http.Client{}))
			}
			c, err := api.New(first.URL, opts...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.IsTranslationStepEnabled(ctx(t))
			e := asAPIError(t, err, "IsTranslationStepEnabled")
			if e.Kind != api.KindRefused {
				t.Errorf("Kind %v (%v)", e.Kind, e)
			}
			checkSentence(t, e, "redirected", strings.TrimPrefix(other.URL, "http://"))
			if hits.Load() != 0 {
				t.Errorf("the other host got %d requests (Authorization %q)", hits.Load(), leaked.Load())
			}
		})
	}
	t.Run("same origin redirect is followed with the token", func(t *testing.T) {
		var auth atomic.Value
		mux := http.NewServeMux()
		mux.Handle("/old/", http.RedirectHandler("/api/v1/update/UpdatePassport/IsTranaslationStepEnabled", http.StatusTemporaryRedirect))
		mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
			auth.Store(r.Header.Get("Authorization"))
			answerWith(200, `{"value":true}`)(w, r)
		})
		mux.Handle("/old/api/", http.RedirectHandler("/api/v1/update/UpdatePassport/IsTranaslationStepEnabled", http.StatusTemporaryRedirect))
		srv := httptest.NewServer(mux)
		defer srv.Close()
		c, _ := api.New(srv.URL+"/old", api.WithToken(testToken))
		if _, err := c.IsTranslationStepEnabled(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if auth.Load() != "Bearer "+testToken {
			t.Errorf("Authorization %q", auth.Load())
		}
	})
}

// stallAfterHeaders sends headers and part of a body, then waits for release.
func stallAfterHeaders(release <-chan struct{}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"isSuccess":true,"passportData":{"fullNameEn":"ANNA`))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
}

// hijackAndDrop answers a head and part of the body, then drops the connection; with rst the
// close is abortive (TCP RST).
func hijackAndDrop(rst bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"isSuccess\":true,\"passportData\":{\"fullNa")
		_ = buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok && rst {
			_ = tc.SetLinger(0)
		}
		_ = conn.Close()
	}
}

// endless streams JSON-looking bytes until the client hangs up, counting what it wrote.
func endless(written *atomic.Int64, declare bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if declare {
			w.Header().Set("Content-Length", "104857600")
		}
		w.WriteHeader(200)
		chunk := []byte(`{"isSuccess":true,"pad":"` + strings.Repeat("x", 64<<10) + `"},`)
		for written.Load() < 100<<20 {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}
}

func TestTransportFaultsBecomeSentencesAndLeaveNoGoroutineBehind(t *testing.T) {
	img := specimenJPEG(t, 48)
	upload := func(c *api.Client, ctx context.Context) error {
		_, err := c.UploadPassportImage(ctx, api.UploadRequest{Image: strings.NewReader(string(img)), Size: int64(len(img))})
		return err
	}
	closedAddr := func(t *testing.T) string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return addr
	}
	rows := []struct {
		name  string
		setup func(t *testing.T, release chan struct{}) (*api.Client, context.Context)
		kind  api.Kind
		sent  bool
		says  []string
		after func(t *testing.T, elapsed time.Duration)
	}{
		{name: "connection refused", kind: api.KindNetwork, says: []string{"connection was refused"},
			setup: func(t *testing.T, _ chan struct{}) (*api.Client, context.Context) {
				c, _ := api.New("http://"+closedAddr(t), api.WithToken(testToken))
				return c, ctx(t)
			}},
		{name: "DNS failure", kind: api.KindNetwork, says: []string{"ekyc.bank.invalid could not be found"},
			setup: func(t *testing.T, _ chan struct{}) (*api.Client, context.Context) {
				// A resolver that fails at once, so the row needs no real DNS.
				res := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
					return nil, errors.New("no DNS server in this test")
				}}
				tr := &http.Transport{DialContext: (&net.Dialer{Resolver: res}).DialContext}
				c, _ := api.New("https://ekyc.bank.invalid/OnBoarding", api.WithToken(testToken), api.WithHTTPClient(&http.Client{Transport: tr}))
				return c, ctx(t)
			}},
		{name: "connect timeout", kind: api.KindTimeout, says: []string{"did not finish"},
			setup: func(t *testing.T, release chan struct{}) (*api.Client, context.Context) {
				tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
					<-ctx.Done() // a firewall that drops SYNs
					return nil, ctx.Err()
				}}
				c, _ := api.New("https://ekyc.bank.example", api.WithHTTPClient(&http.Client{Transport: tr}), api.WithUploadTimeout(200*time.Millisecond))
				return c, ctx(t)
			}},
		{name: "server stalls after the headers", kind: api.KindTimeout, sent: true, says: []string{"in time"},
			setup: func(t *testing.T, release chan struct{}) (*api.Client, context.Context) {
				c, _ := newServer(t, stallAfterHeaders(release), api.WithUploadTimeout(150*time.Millisecond))
				return c, ctx(t)
			},
			after: func(t *testing.T, elapsed time.Duration) {
				if elapsed > 3*time.Second {
					t.Errorf("took %v with a 150ms limit", elapsed)
				}
			}},
		{name: "connection closed mid-body", kind: api.KindNetwork, sent: true, says: []string{"dropped"},
			setup: func(t *testing.T, _ chan struct{}) (*api.Client, context.Context) {
				c, _ := newServer(t, hijackAndDrop(false))
				return c, ctx(t)
			}},
		{name: "connection reset mid-body", kind: api.KindNetwork, sent: true, says: []string{"dropped"},
			setup: func(t *testing.T, _ chan struct{}) (*api.Client, context.Context) {
				c, _ := newServer(t, hijackAndDrop(true))
				return c, ctx(t)
			}},
		{name: "cancelled by the user while the server works", kind: api.KindCanceled, sent: true, says: []string{"Cancelled"},
			setup: func(t *testing.T, release chan struct{}) (*api.Client, context.Context) {
				cctx, cancel := context.WithCancel(ctx(t))
				c, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_, _ = r.Body.Read(make([]byte, 1))
					cancel() // the user presses ctrl+c while OCR runs
					select {
					case <-release:
					case <-r.Context().Done():
					}
				}))
				return c, cctx
			}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			noGoroutineLeft(t, func(t *testing.T) {
				release := make(chan struct{})
				c, cctx := row.setup(t, release)
				start := time.Now()
				err := upload(c, cctx)
				elapsed := time.Since(start)
				close(release)
				e := asAPIError(t, err, "UploadPassportImage")
				if e.Kind != row.kind || e.Sent != row.sent {
					t.Errorf("Kind %v Sent %v, want %v %v (%v)", e.Kind, e.Sent, row.kind, row.sent, e)
				}
				checkSentence(t, e, row.says...)
				if row.after != nil {
					row.after(t, elapsed)
				}
				closeIdle(c)
			})
		})
	}
}

// closeIdle drops the keep-alive connections a client holds, so a goroutine count can settle.
func closeIdle(c *api.Client) { c.CloseIdleConnections() }

func TestAnAnswerOverTheReadLimitIsNeverReadWhole(t *testing.T) {
	for _, declare := range []bool{false, true} {
		t.Run(fmt.Sprintf("Content-Length declared %v", declare), func(t *testing.T) {
			noGoroutineLeft(t, func(t *testing.T) {
				var written atomic.Int64
				c, srv := newServer(t, endless(&written, declare))
				start := time.Now()
				_, err := c.IsTranslationStepEnabled(ctx(t))
				elapsed := time.Since(start)
				e := asAPIError(t, err, "IsTranslationStepEnabled")
				if e.Kind != api.KindBadAnswer {
					t.Errorf("Kind %v (%v)", e.Kind, e)
				}
				checkSentence(t, e, "too large (over 8 MB)") // the unit every screen counts in
				if elapsed > 5*time.Second {
					t.Errorf("took %v", elapsed)
				}
				closeIdle(c)
				srv.Close() // waits for the handler, which stops when the client hangs up
				if w := written.Load(); w >= 100<<20 {
					t.Errorf("server wrote %d MiB: the client read everything", w>>20)
				}
			})
		})
	}
}

func TestNewRefusesPlainHTTPOutsideLoopbackAndJoinsPathPrefixes(t *testing.T) {
	refused := []struct{ url, says string }{
		{"http://ekyc.bank.example/OnBoarding/", "https://"},
		{"http://10.0.0.5:8080", "https://"},
		{"ftp://ekyc.bank.example", "not a valid"},
		{"", "not a valid"},
		{"https://teller:hunter22@ekyc.bank.example", "user name or password"},
	}
	for _, row := range refused {
		t.Run("refuses "+row.url, func(t *testing.T) {
			_, err := api.New(row.url)
			e := asAPIError(t, err, "New")
			if e.Kind != api.KindRefused {
				t.Errorf("Kind %v", e.Kind)
			}
			checkSentence(t, e, row.says)
			if strings.Contains(e.Sentence()+e.Error(), "hunter22") {
				t.Errorf("password from the URL shown: %q", e.Sentence())
			}
			if strings.Contains(e.Sentence(), "--") {
				t.Errorf("sentence %q names a flag the URL did not come from", e.Sentence())
			}
			_, err = api.New(row.url, api.WithURLSetting("PASSPORT_API_URL"))
			if s := api.Sentence(err); !strings.Contains(s, "(PASSPORT_API_URL)") {
				t.Errorf("sentence %q does not name the variable the URL came from", s)
			}
		})
	}
	for _, ok := range []string{"http://localhost:8080", "http://127.0.0.2/x", "http://[::1]:9000/", "https://ekyc.bank.example/Onboarding"} {
		t.Run("accepts "+ok, func(t *testing.T) {
			if _, err := api.New(ok); err != nil {
				t.Errorf("New(%q): %v", ok, err)
			}
		})
	}
	prefixes := []struct{ prefix, want string }{
		{"", "/api/v1/update/UpdatePassport/IsTranaslationStepEnabled"},
		{"/", "/api/v1/update/UpdatePassport/IsTranaslationStepEnabled"},
		{"/OnBoarding/", "/OnBoarding/api/v1/update/UpdatePassport/IsTranaslationStepEnabled"},
		{"/OnBoarding", "/OnBoarding/api/v1/update/UpdatePassport/IsTranaslationStepEnabled"},
		{"/gw/Onboarding//", "/gw/Onboarding/api/v1/update/UpdatePassport/IsTranaslationStepEnabled"},
	}
	for _, row := range prefixes {
		t.Run("prefix "+row.prefix, func(t *testing.T) {
			var got recorded
			srv := httptest.NewServer(recordInto(&got, 200, `{"value":true}`))
			defer srv.Close()
			c, err := api.New(srv.URL + row.prefix)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.IsTranslationStepEnabled(ctx(t)); err != nil {
				t.Fatal(err)
			}
			if got.path != row.want {
				t.Errorf("path %q, want %q", got.path, row.want)
			}
		})
	}
}

func TestWithTokenReturnsAnIndependentCopy(t *testing.T) {
	var got recorded
	srv := httptest.NewServer(recordInto(&got, 200, `{"value":true}`))
	defer srv.Close()
	anon, _ := api.New(srv.URL)
	withTok := anon.WithToken("  tok-from-file\n")
	if anon.HasToken() || !withTok.HasToken() {
		t.Fatalf("HasToken: original %v, copy %v", anon.HasToken(), withTok.HasToken())
	}
	_, _ = withTok.IsTranslationStepEnabled(ctx(t))
	if got.auth != "Bearer tok-from-file" {
		t.Errorf("Authorization %q", got.auth)
	}
	_, _ = anon.IsTranslationStepEnabled(ctx(t))
	if got.auth != "" {
		t.Errorf("original client sent %q", got.auth)
	}
}
