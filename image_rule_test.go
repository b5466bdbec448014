package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"example.com/passport-update/api/sandbox"
	"example.com/passport-update/internal/imagecheck"
)

// TestRunRefusesATruncatedJPEGBeforeAnyRequest is issue 15 item 8: `run` and the wizard refuse a
// truncated scan on one rule (imagecheck.Inspect), so `run` stops before the server hears of it.
func TestRunRefusesATruncatedJPEGBeforeAnyRequest(t *testing.T) {
	var requests atomic.Int64
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		sb.ServeHTTP(w, r)
	}))
	defer srv.Close()

	dir := t.TempDir()
	paths, err := sandbox.WriteSpecimens(dir)
	if err != nil || len(paths) == 0 {
		t.Fatalf("specimens: %v", err)
	}
	whole, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut-short.jpg")
	if err := os.WriteFile(cut, whole[:len(whole)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	if got := imagecheck.Inspect(cut, 0).Refusal; got != imagecheck.SentenceDamaged {
		t.Fatalf("Inspect's refusal %q, want the damaged sentence the picker shows", got)
	}

	env := map[string]string{
		"PASSPORT_API_URL":       srv.URL,
		"PASSPORT_TENANT_ID":     sandbox.TenantID,
		"PASSPORT_TENANT_SECRET": sandbox.TenantSecret,
	}
	getenv := func(k string) string { return env[k] }
	var stdout, stderr bytes.Buffer
	code := runCommand(context.Background(), []string{"--applicant", "DEMO-HAPPY", "--image", cut, "--yes"},
		getenv, strings.NewReader(sandbox.Password+"\n"), &stdout, &stderr)

	var out struct {
		Error *struct{ Stage, Sentence string } `json:"error"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("no JSON (%v): %s", err, stdout.String())
	}
	if code != exitImage || out.Error == nil || out.Error.Stage != "image" || out.Error.Sentence != imagecheck.SentenceDamaged {
		t.Errorf("exit %d, error %+v; want exit %d at stage image with %q", code, out.Error, exitImage, imagecheck.SentenceDamaged)
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached the server before the image was refused", n)
	}
}
