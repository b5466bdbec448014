package api_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"example.com/passport-update/api"
)

// Secrets used where a test must prove they never leak. The password mixes Arabic-Indic
// digits and HTML-sensitive characters so every JSON escaping of it is exercised.
const (
	testPassword     = "Pässwört-٣٤٥!<&>"
	testTenantSecret = "tnt_sec/9f8e+7d6c&5b4a"
)

// dotnetEscape writes s the way System.Text.Json does by default (non-ASCII and <>&'+ as \uXXXX).
func dotnetEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r > 0x7e || strings.ContainsRune(`<>&'+"\`, r) {
			fmt.Fprintf(&b, `\u%04X`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// echoing answers every request with a failure that repeats the request body and the
// Authorization header back, in the given style.
func echoing(style string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 4096))
		echo := string(body) + " auth=" + r.Header.Get("Authorization")
		switch style {
		case "400 JSON":
			out, _ := json.Marshal(map[string]any{"message": "Invalid request " + echo, "errorCode": r.Header.Get("Authorization"),
				"errors": map[string][]string{echo: {"bad value " + echo}}})
			answerWith(400, string(out))(w, r)
		case "400 .NET escaped":
			answerWith(400, `{"message":"`+dotnetEscape("Invalid request "+echo)+`"}`)(w, r)
		case "500 plain text":
			answerWith(500, "System.ArgumentException: bad input "+echo, "Content-Type", "text/plain")(w, r)
		case "502 HTML":
			answerWith(502, "<html><body><h1>Bad Gateway</h1><pre>"+echo+"</pre></body></html>", "Content-Type", "text/html")(w, r)
		case "200 status 1":
			out, _ := json.Marshal(map[string]any{"status": 1, "isSuccess": false, "message": "Rejected " + echo})
			answerWith(200, string(out))(w, r)
		case "200 truncated":
			answerWith(200, `{"token":"tok-fresh-9b1c7e","message":"`+dotnetEscape(echo))(w, r)
		}
	}
}

// TestNoSecretReachesTheLogOrAnyErrorText runs every call against servers that echo the
// request (password, tenant secret, bearer) back in their errors, with the log at Debug.
func TestNoSecretReachesTheLogOrAnyErrorText(t *testing.T) {
	secrets := []string{testPassword, testTenantSecret, testToken, "tok-fresh-9b1c7e"}
	for _, style := range []string{"400 JSON", "400 .NET escaped", "500 plain text", "502 HTML", "200 status 1", "200 truncated"} {
		t.Run(style, func(t *testing.T) {
			var log bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, _ := newServer(t, echoing(style), api.WithLogger(logger))
			var shown strings.Builder
			for _, call := range everyCall {
				err := call.run(ctx(t), c)
				e := asAPIError(t, err, call.name)
				fmt.Fprintf(&shown, "%v\n%s\n%s\n%s\n%v\n%+v\n", err, e.Sentence(), e.Raw, e.Message, e.FieldErrors, e.Err)
			}
			_, err := c.OpenPassportSession(ctx(t), "tenant-17", testTenantSecret, "APP-2025-0042")
			fmt.Fprintf(&shown, "%v\n%s\n", err, api.Sentence(err))
			if log.Len() == 0 {
				t.Fatal("nothing logged")
			}
			if !strings.Contains(log.String(), `"raw"`) {
				t.Errorf("debug log carries no excerpt, so the test proves little:\n%s", log.String())
			}
			for _, s := range secrets {
				if strings.Contains(log.String(), s) {
					t.Errorf("log contains secret %q:\n%s", s, log.String())
				}
				if strings.Contains(shown.String(), s) {
					t.Errorf("error texts contain secret %q:\n%s", s, shown.String())
				}
				if esc := dotnetEscape(s); strings.Contains(log.String()+shown.String(), esc) {
					t.Errorf("escaped secret %q leaked", esc)
				}
			}
		})
	}
}

// TestTheRequestLogHasOneLinePerRequestWithItsShape checks the log's fields, and that it holds
// no body, header or image bytes.
func TestTheRequestLogHasOneLinePerRequestWithItsShape(t *testing.T) {
	var log bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{Level: slog.LevelInfo}))
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/update/UpdatePassport/IsTranaslationStepEnabled", answerWith(200, `{"value":true}`))
	mux.HandleFunc("/api/v1/update/UpdatePassport/UploadPassportImage", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		answerWith(400, `{"message":"Image is blurred","errorCode":"OCR_BLUR"}`)(w, r)
	})
	c, _ := newServer(t, mux, api.WithLogger(logger))
	if _, err := c.IsTranslationStepEnabled(ctx(t)); err != nil {
		t.Fatal(err)
	}
	img := specimenJPEG(t, 64)
	_, _ = c.UploadPassportImage(ctx(t), api.UploadRequest{Image: bytes.NewReader(img), Size: int64(len(img))})

	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), log.String())
	}
	var ok, failed map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &ok); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &failed); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"call", "method", "path", "status", "duration_ms", "request_bytes", "response_bytes"} {
		if _, has := ok[k]; !has {
			t.Errorf("success line lacks %q: %s", k, lines[0])
		}
	}
	if ok["call"] != "IsTranslationStepEnabled" || ok["status"] != float64(200) || ok["method"] != "GET" {
		t.Errorf("success line %s", lines[0])
	}
	if failed["kind"] != "validation" || failed["error_code"] != "OCR_BLUR" || failed["status"] != float64(400) {
		t.Errorf("failure line %s", lines[1])
	}
	if rb, _ := failed["request_bytes"].(float64); int(rb) <= len(img) {
		t.Errorf("request_bytes %v for a %d-byte image", rb, len(img))
	}
	if strings.Contains(log.String(), "/9j/") || strings.Contains(log.String(), "Bearer") || strings.Contains(log.String(), `"raw"`) {
		t.Errorf("log holds image bytes, a header, or a body excerpt at Info:\n%s", log.String())
	}
}

// TestASecretFromAnEarlierCallIsRedactedFromEveryLaterText: the client remembers every secret
// it has handled (tenant secret, passwords, tokens), across its WithToken copies, and a server
// that echoes one in a later call's error never gets it shown, wrapped or logged.
func TestASecretFromAnEarlierCallIsRedactedFromEveryLaterText(t *testing.T) {
	const freshToken = "tok-session-5be0a3f1"
	rows := []struct {
		name string
		call string
		echo func(password string) string // what the server puts in its error
		run  func(t *testing.T, s api.PassportSession) error
	}{
		{"VerifyPassword echoes the tenant secret", "VerifyPassword",
			func(string) string { return "Tenant " + testTenantSecret + " is not allowed here" },
			func(t *testing.T, s api.PassportSession) error {
				return s.Client.VerifyPassword(ctx(t), testPassword, api.StepPassport)
			}},
		{"Approve echoes the password and the tenant secret", "Approve",
			func(password string) string {
				return "Approval rejected for password " + password + " and tenant " + dotnetEscape(testTenantSecret) + " token " + freshToken
			},
			func(t *testing.T, s api.PassportSession) error {
				if err := s.Client.VerifyPassword(ctx(t), testPassword, api.StepPassport); err != nil {
					t.Fatal(err)
				}
				name := "أمينة خالد"
				return s.Client.Approve(ctx(t), &name)
			}},
	}
	for _, row := range rows {
		for _, status := range []int{400, 500} {
			t.Run(fmt.Sprintf("%s, HTTP %d", row.name, status), func(t *testing.T) {
				var log bytes.Buffer
				logger := slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
				mux := http.NewServeMux()
				mux.HandleFunc("/api/v1/Auth/GenerateUpdateRequestSessionToken", answerWith(200, `{"token":"`+freshToken+`"}`))
				mux.HandleFunc("/api/v1/update/UpdateRequest/GetCurrentRequestSteps", answerWith(200, `[{"updateStepId":2}]`))
				mux.HandleFunc("/api/v1/update/UpdateRequest/Initialize/2", answerWith(200, `{"status":0}`))
				mux.HandleFunc("/api/v1/update/UpdateRequest/GetUpdateVerificationMethod", answerWith(200, `{"value":1}`))
				answerErr := func(w http.ResponseWriter, r *http.Request) {
					msg := row.echo(testPassword)
					out, _ := json.Marshal(map[string]any{"message": msg, "errorCode": msg,
						"errors": map[string][]string{"FullNameAr": {msg}}})
					answerWith(status, string(out))(w, r)
				}
				if row.call == "VerifyPassword" {
					mux.HandleFunc("/api/v1/update/UpdateRequest/VerifyPassword", answerErr)
				} else {
					mux.HandleFunc("/api/v1/update/UpdateRequest/VerifyPassword", answerWith(200, `{"status":0}`))
					mux.HandleFunc("/api/v1/update/UpdatePassport/Approve", answerErr)
				}
				c, _ := newServer(t, mux, api.WithLogger(logger))
				s, err := c.WithToken("").OpenPassportSession(ctx(t), "tenant-17", testTenantSecret, "APP-2025-0042")
				if err != nil {
					t.Fatal(err)
				}
				err = row.run(t, s)
				e := asAPIError(t, err, row.call)
				refusal, _ := api.ReadPasswordRefusal(err)
				field, _ := api.FieldMessage(err, "FullNameAr")
				shown := strings.Join([]string{err.Error(), api.Sentence(err), e.Sentence(), e.Message, e.ErrorCode, e.Raw,
					fmt.Sprint(e.FieldErrors), refusal.Sentence, field, log.String(),
					c.Redact(row.echo(testPassword)), s.Client.Redact(row.echo(testPassword))}, "\n")
				for _, secret := range []string{testPassword, testTenantSecret, freshToken, dotnetEscape(testTenantSecret), dotnetEscape(testPassword)} {
					if strings.Contains(shown, secret) {
						t.Errorf("secret %q shown:\n%s", secret, shown)
					}
				}
				if !strings.Contains(shown, "[redacted]") {
					t.Errorf("nothing was redacted; the test proves nothing:\n%s", shown)
				}
			})
		}
	}
}

// TestTheNameOfAnUnsupportedMethodNeverCarriesASecret: the method's names come from the server
// and are read out in the sentence that stops the session.
func TestTheNameOfAnUnsupportedMethodNeverCarriesASecret(t *testing.T) {
	c, _ := newServer(t, answerWith(200, `{"value":{"id":2,"nameEn":"Email code for `+testToken+`","nameAr":"`+testToken+`"}}`))
	_, err := c.ResumePassportSession(ctx(t))
	var um *api.UnsupportedMethodError
	if !errors.As(err, &um) {
		t.Fatalf("err %v, want *api.UnsupportedMethodError", err)
	}
	if shown := err.Error() + api.Sentence(err) + um.Method.NameAr; strings.Contains(shown, testToken) || !strings.Contains(shown, "Email code") {
		t.Errorf("shown: %q", shown)
	}
}
