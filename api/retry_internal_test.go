package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestTheRetryWaitsAsLongAsTheServerAsks: Retry-After (seconds or a date) sets the pause before
// the one retry, up to maxRetryWait; without it the client's own pause is used. The waits are
// recorded, not taken.
func TestTheRetryWaitsAsLongAsTheServerAsks(t *testing.T) {
	rows := []struct {
		name       string
		retryAfter string
		wantWait   time.Duration
		retried    bool
	}{
		{"no Retry-After: the client's pause", "", 250 * time.Millisecond, true},
		{"Retry-After in seconds", "2", 2 * time.Second, true},
		{"Retry-After at the cap", "3", maxRetryWait, true},
		{"Retry-After over the cap: no retry, the error is shown", "30", 0, false},
		{"unreadable Retry-After: the client's pause", "soon", 250 * time.Millisecond, true},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) == 1 {
					if row.retryAfter != "" {
						w.Header().Set("Retry-After", row.retryAfter)
					}
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"value":true}`))
			}))
			defer srv.Close()
			c, err := New(srv.URL, WithToken("tok-retry-test"), WithRetryPause(250*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			var waits []time.Duration
			c.pause = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
			_, err = c.IsTranslationStepEnabled(t.Context())
			if row.retried {
				if err != nil || hits.Load() != 2 || len(waits) != 1 || waits[0] != row.wantWait {
					t.Errorf("err %v, %d requests, waits %v; want success after 2 and one wait of %v", err, hits.Load(), waits, row.wantWait)
				}
				return
			}
			if err == nil || hits.Load() != 1 || len(waits) != 0 {
				t.Errorf("err %v, %d requests, waits %v; want the 503 after 1 request and no wait", err, hits.Load(), waits)
			}
		})
	}
	t.Run("leaving during the pause ends the call with the first error", func(t *testing.T) {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.WriteHeader(http.StatusBadGateway)
		}))
		defer srv.Close()
		c, _ := New(srv.URL, WithToken("tok-retry-test"))
		ctx, cancel := context.WithCancel(t.Context())
		c.pause = func(ctx context.Context, d time.Duration) error { cancel(); return sleep(ctx, d) }
		_, err := c.IsTranslationStepEnabled(ctx)
		if e, ok := err.(*Error); !ok || e.StatusCode != http.StatusBadGateway || hits.Load() != 1 {
			t.Errorf("err %v after %d requests, want the 502 after 1", err, hits.Load())
		}
	})
}
