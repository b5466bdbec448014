package tui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"passport-update/api"
	"passport-update/tui/arabic"
	"passport-update/tui/picker"
	"passport-update/tui/preview"
	"passport-update/tui/receipt"
)

// Commands are plain functions over copies: a client pointer (the client is safe for concurrent
// use and never changes once built), strings, and a context whose cancel func the root keeps.
// None of them reads the model.

func safe(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicMsg{report: fmt.Sprintf("panic in command: %v\n\n%s", r, debug.Stack())}
			}
		}()
		return cmd()
	}
}

// retryPause is the wait, in nanoseconds, before the one automatic retry of a read-only or
// session-setup call that a proxy or an overloaded server refused (HTTP 5xx or 429). Atomic:
// commands read it off the loop, and tests shorten it.
var retryPause = func() *atomic.Int64 {
	var p atomic.Int64
	p.Store(int64(400 * time.Millisecond))
	return &p
}()

// once calls f, and once more after a short pause when the failure is a gateway or overload
// answer (a flaky proxy fails the first try of a call). Only for calls that are safe to repeat:
// never VerifyPassword (a wrong-attempt counter) or Approve.
func once[T any](ctx context.Context, f func() (T, error)) (T, error) {
	v, err := f()
	var ae *api.Error
	if err == nil || !errors.As(err, &ae) || (ae.Kind != api.KindServer && ae.Kind != api.KindRateLimited) {
		return v, err
	}
	wait := time.Duration(retryPause.Load())
	if ae.RetryAfter > 0 {
		wait = min(ae.RetryAfter, 3*time.Second)
	}
	select {
	case <-ctx.Done():
		return v, err
	case <-time.After(wait):
	}
	return f()
}

// openSession is api.Client.OpenPassportSession (steps 1, 2, 3, 3b) done step by step, so that
// a step a gateway refused is tried once more inside the same session instead of starting a new
// session whose steps the gateway refuses again.
func openSession(ctx context.Context, c *api.Client, tenantID, tenantSecret, applicantID string) (api.PassportSession, error) {
	s, err := once(ctx, func() (api.Session, error) {
		return c.GenerateUpdateRequestSessionToken(ctx, api.SessionRequest{
			TenantID: tenantID, TenantSecret: tenantSecret, ApplicantID: applicantID,
			UpdateSteps: []api.UpdateStep{api.StepPassport},
		})
	})
	if err != nil {
		return api.PassportSession{}, err
	}
	sc := c.WithToken(s.Token)
	steps, err := once(ctx, func() ([]api.AllowedStep, error) { return sc.GetCurrentRequestSteps(ctx) })
	if err != nil {
		return api.PassportSession{}, err
	}
	if !slices.ContainsFunc(steps, func(a api.AllowedStep) bool { return a.Step == api.StepPassport }) {
		return api.PassportSession{}, api.ErrPassportStepNotAllowed
	}
	tok, err := once(ctx, func() (string, error) { return sc.Initialize(ctx, api.StepPassport) })
	if err != nil {
		return api.PassportSession{}, err
	}
	if tok != "" {
		sc = sc.WithToken(tok)
	}
	ps, err := once(ctx, func() (api.PassportSession, error) { return sc.ResumePassportSession(ctx) })
	if err != nil {
		return api.PassportSession{}, err
	}
	ps.ExpiresAt = s.ExpiresAt
	return ps, nil
}

func openSessionCmd(ctx context.Context, id int, c *api.Client, tenantID, tenantSecret, applicantID string, now func() time.Time) tea.Cmd {
	return safe(func() tea.Msg {
		start := now()
		s, err := openSession(ctx, c, tenantID, tenantSecret, applicantID)
		return sessionMsg{id: id, sess: s, err: err, took: now().Sub(start)}
	})
}

func resumeSessionCmd(ctx context.Context, id int, c *api.Client, now func() time.Time) tea.Cmd {
	return safe(func() tea.Msg {
		start := now()
		s, err := once(ctx, func() (api.PassportSession, error) { return c.ResumePassportSession(ctx) })
		return sessionMsg{id: id, sess: s, err: err, took: now().Sub(start)}
	})
}

func translationCmd(ctx context.Context, id int, c *api.Client) tea.Cmd {
	return safe(func() tea.Msg {
		on, err := once(ctx, func() (bool, error) { return c.IsTranslationStepEnabled(ctx) })
		return translationMsg{id: id, enabled: on, err: err}
	})
}

func verifyCmd(ctx context.Context, id int, c *api.Client, password string, now func() time.Time) tea.Cmd {
	return safe(func() tea.Msg {
		start := now()
		err := c.VerifyPassword(ctx, password, api.StepPassport)
		return verifyMsg{id: id, err: err, took: now().Sub(start)}
	})
}

// uploadCmd opens the chosen file (rechecked by the picker) and streams it. Progress goes to ch,
// read one message at a time by waitProgress; intermediate readings are dropped when the screen
// is behind, the last one (all bytes sent, OCR running) is always delivered.
func uploadCmd(ctx context.Context, id int, c *api.Client, file picker.ChosenFile, ch chan uploadProgressMsg, now func() time.Time) tea.Cmd {
	return safe(func() tea.Msg {
		defer close(ch)
		start := now()
		f, err := file.Open()
		if err != nil {
			return uploadDoneMsg{id: id, err: err, took: now().Sub(start)}
		}
		defer f.Close()
		var sentAt time.Time
		// The receipt names the image by its SHA-256, computed as the bytes stream out.
		sum := sha256.New()
		res, err := c.UploadPassportImage(ctx, api.UploadRequest{
			Image: io.TeeReader(f, sum),
			Size:  file.Size,
			Progress: func(sent, total int64) {
				p := uploadProgressMsg{id: id, sent: sent, total: total, ch: ch}
				if sent < total {
					select {
					case ch <- p:
					default:
					}
					return
				}
				sentAt = now()
				select {
				case ch <- p:
				case <-ctx.Done():
				}
			},
		})
		done := uploadDoneMsg{id: id, res: res, err: err, sentAt: sentAt, took: now().Sub(start)}
		if err == nil {
			done.sha256 = hex.EncodeToString(sum.Sum(nil))
		}
		return done
	})
}

// waitProgress reads one progress reading; the root re-arms it after each.
func waitProgress(ch <-chan uploadProgressMsg) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return p
	}
}

// scanThumbCmd decodes the chosen scan off the UI loop and draws it. The picker has already
// refused absurd pixel sizes on the header, so decoding is bounded.
func scanThumbCmd(id int, file picker.ChosenFile, maxBytes int64, cols, rows int, p termenv.Profile) tea.Cmd {
	return safe(func() tea.Msg {
		info := preview.Inspect(file.Path, maxBytes)
		if info.Refusal != "" {
			return scanThumbMsg{id: id}
		}
		img, err := preview.Decode(info)
		if err != nil {
			return scanThumbMsg{id: id}
		}
		return scanThumbMsg{id: id, thumb: preview.RenderProfile(img, cols, rows, p), ok: true}
	})
}

func photoThumbCmd(id int, photo string, cols, rows int) tea.Cmd {
	return safe(func() tea.Msg {
		t, ok := preview.FromBase64(photo, cols, rows)
		return photoThumbMsg{id: id, thumb: t, ok: ok}
	})
}

func approveCmd(ctx context.Context, id int, c *api.Client, fullNameAr *string, now func() time.Time) tea.Cmd {
	var v *string
	if fullNameAr != nil {
		s := *fullNameAr
		v = &s
	}
	return safe(func() tea.Msg {
		start := now()
		err := c.Approve(ctx, v)
		return approveMsg{id: id, err: err, took: now().Sub(start)}
	})
}

func receiptCmd(id int, dir string, r receipt.Receipt) tea.Cmd {
	return safe(func() tea.Msg {
		path, err := receipt.Write(dir, r)
		return receiptMsg{id: id, path: path, err: err}
	})
}

// bidiCmd switches the terminal's own bidi off (CSI 8 l) or back on (CSI 8 h). It writes the
// short sequence in one call from a command so Update stays free of I/O; terminals without the
// mode ignore it, and it is only sent where it is known (VTE, mintty).
func bidiCmd(w io.Writer, on bool) tea.Cmd {
	if w == nil {
		return nil
	}
	seq := arabic.TerminalBidiOff
	if on {
		seq = arabic.TerminalBidiOn
	}
	return func() tea.Msg {
		_, _ = io.WriteString(w, seq)
		return bidiWrittenMsg{}
	}
}

// writePanicReport stores a panic's details in a new temp file (no secrets: only the panic
// value and the stack) and returns its path.
func writePanicReport(report string) string {
	f, err := os.CreateTemp("", "passport-update-panic-*.txt")
	if err != nil {
		return ""
	}
	defer f.Close()
	_ = f.Chmod(0o600)
	_, _ = io.WriteString(f, report)
	return f.Name()
}
