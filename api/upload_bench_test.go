package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// The 20 MB upload (issue 6, goal 3): the streaming client against the naive
// read-encode-marshal path, both to a loopback server that discards the body.

const twentyMB = 20 << 20

var (
	bigJPEGOnce sync.Once
	bigJPEGPath string
	bigJPEGSize int64
)

// bigJPEG writes, once per test binary, a real JPEG of 20 MiB and returns its path and size:
// a drawn specimen whose header carries APP15 segments of noise (as camera maker notes do), so
// it decodes like any photo without the seconds a 10-megapixel encode would cost.
func bigJPEG(tb testing.TB) (string, int64) {
	tb.Helper()
	bigJPEGOnce.Do(func() {
		photo := specimenJPEG(tb, 1200)
		rng := rand.New(rand.NewPCG(20, 6))
		var buf bytes.Buffer
		buf.Grow(twentyMB)
		buf.Write(photo[:2]) // SOI
		seg := make([]byte, 65533)
		for buf.Len()+len(photo)-2 < twentyMB {
			n := min(len(seg), twentyMB-(buf.Len()+len(photo)-2)-4)
			n = max(n, 0)
			for i := range seg[:n] {
				seg[i] = byte(rng.Uint32())
			}
			buf.Write([]byte{0xff, 0xef, byte((n + 2) >> 8), byte(n + 2)})
			buf.Write(seg[:n])
		}
		buf.Write(photo[2:])
		if _, err := jpeg.DecodeConfig(bytes.NewReader(buf.Bytes())); err != nil {
			tb.Fatalf("padded specimen is not a JPEG: %v", err)
		}
		dir, err := os.MkdirTemp("", "passport-upload-bench")
		if err != nil {
			tb.Fatal(err)
		}
		bigJPEGPath = filepath.Join(dir, "passport-20MB.jpg")
		if err := os.WriteFile(bigJPEGPath, buf.Bytes(), 0o600); err != nil {
			tb.Fatal(err)
		}
		bigJPEGSize = int64(buf.Len())
	})
	if bigJPEGSize < twentyMB {
		tb.Fatalf("specimen is %d bytes, under 20 MiB", bigJPEGSize)
	}
	return bigJPEGPath, bigJPEGSize
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigJPEGPath != "" {
		os.RemoveAll(filepath.Dir(bigJPEGPath))
	}
	os.Exit(code)
}

// discardBuffers lets the loopback server read in 256 KiB gulps: io.Discard's own 8 KiB reads
// would make the server, not the client under test, dominate the measurement.
var discardBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// discardServer reads and drops the body, answering a successful OCR.
func discardServer(tb testing.TB) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		buf := discardBuffers.Get().(*[]byte)
		_, _ = io.CopyBuffer(struct{ io.Writer }{io.Discard}, r.Body, *buf)
		discardBuffers.Put(buf)
		answerWith(200, `{"isSuccess":true,"passportData":{"documentNumber":"L898902C3"}}`)(w, r)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

func streamingUpload(tb testing.TB, c *api.Client, path string, size int64) {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if _, err := c.UploadPassportImage(tb.Context(), api.UploadRequest{Image: f, Size: size}); err != nil {
		tb.Fatal(err)
	}
}

// naiveUpload is the path the streaming client replaces: the file, its base64 and the JSON
// body all whole in memory.
func naiveUpload(tb testing.TB, h *http.Client, url, path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	body, err := json.Marshal(map[string]string{"image": base64.StdEncoding.EncodeToString(raw)})
	if err != nil {
		tb.Fatal(err)
	}
	req, _ := http.NewRequestWithContext(tb.Context(), http.MethodPost, url+"/api/v1/update/UpdatePassport/UploadPassportImage", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func BenchmarkUpload20MB_Streaming(b *testing.B) {
	path, size := bigJPEG(b)
	srv := discardServer(b)
	c, err := api.New(srv.URL, api.WithToken(testToken))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		streamingUpload(b, c, path, size)
	}
	reportCPU(b, cpu)
}

func BenchmarkUpload20MB_Naive(b *testing.B) {
	path, size := bigJPEG(b)
	srv := discardServer(b)
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		naiveUpload(b, srv.Client(), srv.URL, path)
	}
	reportCPU(b, cpu)
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(processCPU()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// peakHeapDuring samples the live heap while f runs and returns the peak above the baseline
// taken after a GC. Sampling every 100 µs can miss a spike shorter than that, so the naive
// path is measured the same way for the ratio.
func peakHeapDuring(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var peak uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			if v := read(); v > peak {
				peak = v
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	if v := read(); v > peak {
		peak = v
	}
	if peak < base {
		return 0
	}
	return peak - base
}

// TestStreamingUploadOf20MBKeepsThePeakHeapFlat measures peak heap above baseline for both
// paths (run with -run Heap -v to see the numbers). Issue 6 asks ≤ 1 MiB; 2 MiB is asserted so
// GC timing cannot make the suite flaky.
func TestStreamingUploadOf20MBKeepsThePeakHeapFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20 MiB JPEG")
	}
	path, size := bigJPEG(t)
	srv := discardServer(t)
	c, err := api.New(srv.URL, api.WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	streamingUpload(t, c, path, size) // warm the connection and the transport's buffers
	rssBefore := maxRSS()
	var streaming uint64
	for range 3 {
		streaming = max(streaming, peakHeapDuring(func() { streamingUpload(t, c, path, size) }))
	}
	rssStreaming := maxRSS()
	naive := peakHeapDuring(func() { naiveUpload(t, srv.Client(), srv.URL, path) })
	t.Logf("file %.1f MiB: peak heap above baseline streaming %.2f MiB, naive %.1f MiB (%.0f×); max RSS %.1f MiB before, %.1f MiB after streaming, %.1f MiB after naive",
		float64(size)/(1<<20), float64(streaming)/(1<<20), float64(naive)/(1<<20), float64(naive)/float64(max(streaming, 1)),
		float64(rssBefore)/(1<<20), float64(rssStreaming)/(1<<20), float64(maxRSS())/(1<<20))
	if streaming > 2<<20 {
		t.Errorf("streaming peak heap %d bytes above baseline, want ≤ 2 MiB", streaming)
	}
	if naive < 20*streaming {
		t.Errorf("naive %d vs streaming %d: streaming should be far smaller", naive, streaming)
	}
}
