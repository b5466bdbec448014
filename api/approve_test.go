package api_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// TestApproveIsSentExactlyOnceWhateverGoesWrong: the client never retries an approval, and
// when the connection fails after sending, the sentence says the outcome is unknown.
func TestApproveIsSentExactlyOnceWhateverGoesWrong(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	rows := []struct {
		name    string
		handler http.HandlerFunc
		kind    api.Kind
		unknown bool // the sentence must say the outcome is unknown
	}{
		{"connection dropped after the request", hijackAndDrop(true), api.KindNetwork, true},
		{"server stalls", stallAfterHeaders(release), api.KindTimeout, true},
		{"500", answerWith(500, `{"message":"Object reference not set to an instance of an object."}`), api.KindServer, true},
		{"502 HTML", answerWith(502, "<html><body>Bad Gateway</body></html>", "Content-Type", "text/html"), api.KindServer, true},
		{"404 with a business message", answerWith(404, `{"message":"Update request not found","errorCode":"UR_404"}`), api.KindNotFound, false},
		{"200 cut off", answerWith(200, `{"status":0,"mess`), api.KindBadAnswer, true},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var hits atomic.Int32
			c, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				row.handler(w, r)
			}), api.WithTimeout(200*time.Millisecond))
			name := "سارة خالد"
			err := c.Approve(ctx(t), &name)
			e := asAPIError(t, err, "Approve")
			if e.Kind != row.kind || !e.Sent {
				t.Errorf("Kind %v Sent %v (%v)", e.Kind, e.Sent, e)
			}
			if strings.Contains(e.Sentence(), "Try again") {
				t.Errorf("sentence %q invites a second approval", e.Sentence())
			}
			if got := strings.Contains(e.Sentence(), "may or may not have been recorded"); got != row.unknown {
				t.Errorf("sentence %q (unknown outcome said: %v, want %v)", e.Sentence(), got, row.unknown)
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("server saw %d approvals, want exactly 1", n)
			}
		})
	}
	t.Run("business 404 is the server's sentence", func(t *testing.T) {
		c, _ := newServer(t, answerWith(404, `{"message":"Update request not found","errorCode":"UR_404"}`))
		err := c.Approve(ctx(t), nil)
		checkSentence(t, asAPIError(t, err, "Approve"), "Update request not found.")
	})
}

// TestAServerRefusingTheImageEarlyIsReportedAsTooLarge: a server may answer 413 before it has
// read the body; the answer wins over the broken write, and the file stops being read.
func TestAServerRefusingTheImageEarlyIsReportedAsTooLarge(t *testing.T) {
	c, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		answerWith(413, `<html><body>413 Request Entity Too Large</body></html>`, "Content-Type", "text/html")(w, r)
	}))
	img := bytes.Repeat(specimenJPEG(t, 64), 3000) // ~8 MB
	var progressed atomic.Int64
	r := &countingReader{r: bytes.NewReader(img)}
	_, err := c.UploadPassportImage(ctx(t), api.UploadRequest{Image: r, Size: int64(len(img)),
		Progress: func(sent, _ int64) { progressed.Store(sent) }})
	e := asAPIError(t, err, "UploadPassportImage")
	if e.Kind != api.KindTooLarge && e.Kind != api.KindNetwork {
		t.Errorf("Kind %v (%v)", e.Kind, e)
	}
	if e.Kind == api.KindTooLarge {
		checkSentence(t, e, "too large")
	}
	t.Logf("kind %v, read %d of %d", e.Kind, r.n.Load(), len(img))
	if r.n.Load() == int64(len(img)) {
		t.Logf("the whole file was read before the answer arrived (%d bytes)", r.n.Load())
	}
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
