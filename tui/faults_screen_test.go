package tui

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/tui/arabic"
)

// serverFault is one way a server (or what stands between us and it) misbehaves when the
// session is opened. Each row is checked twice: the client's error, and the screen.
type serverFault struct {
	name string
	// handler answers the session call; nil with url set means no server of ours at all.
	handler http.HandlerFunc
	tls     bool   // serve with a self-signed certificate the client does not trust
	url     string // a fixed base URL (refused port, unknown host)
}

func serverFaults(stall <-chan struct{}) []serverFault {
	status := func(code int, contentType, body string, headers ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i+1 < len(headers); i += 2 {
				w.Header().Set(headers[i], headers[i+1])
			}
			if contentType != "" {
				w.Header().Set("Content-Type", contentType)
			}
			w.WriteHeader(code)
			io.WriteString(w, body)
		}
	}
	const jsonType = "application/json"
	const html502 = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
	return []serverFault{
		{name: "connection refused", url: "http://127.0.0.1:1"},
		{name: "DNS failure", url: "https://passport-update-test.invalid"},
		{name: "TLS: self-signed certificate", tls: true, handler: status(200, jsonType, `{"token":"x"}`)},
		{name: "stall after the headers", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", jsonType)
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			select {
			case <-stall:
			case <-r.Context().Done():
			}
		}},
		{name: "connection reset mid-body", handler: func(w http.ResponseWriter, r *http.Request) {
			conn, buf, _ := w.(http.Hijacker).Hijack()
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"token\":\"abc")
			buf.Flush()
			if tc, ok := conn.(*net.TCPConn); ok {
				tc.SetLinger(0) // RST, not FIN
			}
			conn.Close()
		}},
		{name: "truncated JSON", handler: status(200, jsonType, `{"token":"tok-1","expirationDate":"2026-`)},
		{name: "200 with an empty body", handler: status(200, jsonType, ``)},
		{name: "200 with the wrong JSON types", handler: status(200, jsonType, `["token", 42]`)},
		{name: "body over the read limit", handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", jsonType)
			w.WriteHeader(200)
			io.WriteString(w, `{"token":"`)
			chunk := []byte(strings.Repeat("A", 64<<10))
			for sent := 0; sent < 100<<20; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return // the client stopped reading: what we want
				}
			}
		}},
		{name: "401 with an empty body", handler: status(401, "", ``)},
		{name: "401 with a message", handler: status(401, jsonType, `{"message":"Invalid tenant credentials","errorCode":"AUTH_401"}`)},
		{name: "403", handler: status(403, jsonType, `{"message":"Tenant disabled","errorCode":403}`)},
		{name: "404", handler: status(404, "", ``)},
		{name: "413", handler: status(413, "text/html", `<html><body>Request Entity Too Large</body></html>`)},
		{name: "429 with Retry-After", handler: status(429, jsonType, `{"message":"Too many requests"}`, "Retry-After", "30")},
		{name: "500 with .NET exception text", handler: status(500, jsonType, `{"message":"Object reference not set to an instance of an object.","errorCode":"500"}`)},
		{name: "502 HTML from a proxy", handler: status(502, "text/html", html502)},
		{name: "503 HTML from a proxy", handler: status(503, "text/html", strings.ReplaceAll(html502, "502 Bad Gateway", "503 Service Temporarily Unavailable"))},
		{name: "status 1", handler: status(200, jsonType, `{"status":1,"message":"Failed"}`)},
		{name: "redirect to another host", handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://localhost:1/elsewhere", http.StatusTemporaryRedirect)
		}},
		{name: "problem details (400)", handler: status(400, "application/problem+json", `{"type":"about:blank","title":"One or more validation errors occurred.","status":400,"errors":{"ApplicantId":["The ApplicantId field is required."]}}`)},
		{name: "terminal escapes in the message", handler: status(400, jsonType, "{\"message\":\"Bad \\u001b[2J\\u001b[31mapplicant\\u001b]0;pwned\\u0007 id\",\"errorCode\":\"E1\"}")},
	}
}

// TestEveryServerFaultIsASentenceOnScreen opens a session against each faulty server: the
// program keeps running, the error block shows the client's sentence, the applicant ID typed
// so far is still in its field, and the screen carries no escape sequence from the server.
func TestEveryServerFaultIsASentenceOnScreen(t *testing.T) {
	stall := make(chan struct{})
	defer close(stall)
	faults := serverFaults(stall)
	passed := 0
	for _, fault := range faults {
		t.Run(fault.name, func(t *testing.T) {
			base := fault.url
			var hc *http.Client
			if fault.handler != nil {
				srv := httptest.NewUnstartedServer(fault.handler)
				if fault.tls {
					srv.StartTLS()
				} else {
					srv.Start()
				}
				t.Cleanup(srv.Close)
				base = srv.URL
			}
			var err error
			if hc, err = api.NewHTTPClient("", ""); err != nil {
				t.Fatal(err)
			}
			client, err := api.New(base, api.WithHTTPClient(hc), api.WithTimeout(2*time.Second))
			if err != nil {
				t.Fatal(err)
			}

			// At the client: a typed error with a sentence for people.
			_, cerr := client.OpenPassportSession(context.Background(), "bank-tenant", testTenantSecret, "APP-1042")
			if cerr == nil {
				t.Fatal("the client accepted a faulty answer")
			}
			want := api.Sentence(cerr)
			if want == "" || strings.Contains(want, "\x1b") || strings.Contains(want, testTenantSecret) {
				t.Fatalf("the client's sentence is not for people: %q", want)
			}

			// On screen: the same sentence, the typed ID kept, nothing injected.
			d := newDriver(t, Config{
				Client: client, TenantID: "bank-tenant", TenantSecret: testTenantSecret,
				StartDir: t.TempDir(), MaxImageSize: 20 << 20, RTL: arabic.ModeTerminal, Version: "test",
			}, 120, 40)
			d.typeText("APP-1042")
			d.press("enter")
			d.until("the session answer", func(m Model) bool { return !m.cs.session.req.busy() })
			if d.m.step != stSession {
				t.Fatalf("state %v after the fault, want the Session screen", d.m.step)
			}
			screen := d.screen()
			if !strings.Contains(flatten(screen), flatten(firstWords(want, 8))) {
				t.Fatalf("the screen does not show the sentence %q:\n%s", want, screen)
			}
			if got := d.m.cs.session.input.Value(); got != "APP-1042" {
				t.Fatalf("the applicant ID typed so far was lost: %q", got)
			}
			if strings.ContainsAny(screen, "\x1b\x07") || strings.Contains(screen, "pwned") && strings.Contains(screen, "]0;") {
				t.Fatalf("the server's escape sequences reached the screen:\n%q", screen)
			}
			passed++
		})
	}
	t.Logf("server faults handled at the client and on screen: %d of %d", passed, len(faults))
}

// flatten folds the line breaks and padding of a drawn screen so a wrapped sentence matches.
func flatten(s string) string {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		line := strings.TrimSpace(strings.TrimLeft(sc.Text(), "│ "))
		b.WriteString(line)
		b.WriteByte(' ')
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}
