//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestADayAtTheDeskEndsInTheReceiptsList drives the built binary in tmux as a branch does: one
// customer approved, the next one's expired passport uploaded, then the window closed (SIGHUP,
// and the terminal is gone). Both customers are in the day's list, the second as abandoned.
func TestADayAtTheDeskEndsInTheReceiptsList(t *testing.T) {
	env, _ := demoEnv(t)
	dir := filepath.Join(t.TempDir(), "receipts")
	term := newTerminal(t, 100, 30, append(env, "PASSPORT_RECEIPT_DIR="+dir, "PASSPORT_OPERATOR=amal.hassan"))
	term.waitFor(`operator amal\.hassan`, 15*time.Second)
	serve := func(applicant string, down int) {
		term.typeText(applicant)
		term.keys("Enter")
		term.waitFor(`Verify the customer.s password`, 15*time.Second)
		term.typeText("Demo@2026")
		term.keys("Enter")
		term.waitFor(`passport-amina-specimen\.jpg`, 15*time.Second)
		for range down {
			term.keys("Down")
		}
		term.keys("Enter")
		term.waitFor(`Review what the scan says`, 15*time.Second)
	}
	serve("DEMO-HAPPY", 0)
	term.keys("C-s")
	term.waitFor(`exactly what will be sent`, 5*time.Second)
	term.keys("Enter")
	term.waitFor(`Receipt +/`, 10*time.Second)
	term.keys("n")
	term.waitFor(`Applicant ID ›`, 5*time.Second)
	serve("DEMO-EXPIRED", 5) // the expired specimen, sixth in the folder

	pid := term.pid()
	term.tmux("kill-session", "-t", term.name)
	deadline := time.Now().Add(15 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			t.Fatal("the wizard did not exit within 15 s of its window closing")
		}
		time.Sleep(50 * time.Millisecond)
	}

	out, errOut, code := receipts(t, nil, "--dir", dir)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d; stderr: %s", code, errOut)
	}
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "DEMO-") {
			rows = append(rows, strings.Join(strings.Fields(l), " "))
		}
	}
	if len(rows) != 2 || !strings.Contains(rows[0], "amal.hassan DEMO-HAPPY approved") ||
		!strings.Contains(rows[1], "amal.hassan DEMO-EXPIRED abandoned after upload 0 1: passport-expired") {
		t.Fatalf("the day's list:\n%s", out)
	}
}
