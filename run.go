package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/checks"
	"example.com/passport-update/api/fullname"
	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/internal/receipt"
)

// runResult is the one JSON object `passport-update run` prints.
type runResult struct {
	Outcome            string             `json:"outcome"` // approved, reviewed, failed (a refused approval too), unknown
	ApplicantID        string             `json:"applicantId,omitempty"`
	Image              *runImage          `json:"image,omitempty"`
	TranslationEnabled *bool              `json:"translationEnabled,omitempty"`
	Extracted          *receipt.Extracted `json:"extracted,omitempty"`
	Checks             []checks.Finding   `json:"checks"`
	FullNameArSent     *string            `json:"fullNameArSent"`
	NameWarning        string             `json:"nameWarning,omitempty"`
	Receipt            string             `json:"receipt,omitempty"`
	Operator           string             `json:"operator,omitempty"` // as the receipt and the log say them
	Host               string             `json:"host,omitempty"`
	Version            string             `json:"version"`
	TimingsMs          map[string]int64   `json:"timingsMs"`
	Error              *runError          `json:"error,omitempty"`
	ExitCode           int                `json:"exitCode"`
}

type runImage struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	Format string `json:"format"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type runError struct {
	Stage    string `json:"stage"` // usage, session, password, image, upload, validation, checks, approve
	Kind     string `json:"kind,omitempty"`
	Sentence string `json:"sentence"`
}

func runCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("passport-update run")
	s := newSettings(fs, getenv)
	applicant := fs.String("applicant", "", "applicant ID (not needed with a ready token)")
	image := fs.String("image", "", "the passport image (JPEG or PNG)")
	arabicName := fs.String("arabic-name", "", "the Arabic full name to approve (default: what OCR read)")
	customerID := fs.String("customer-id", "", "customer ID sent with the upload (optional)")
	yes := fs.Bool("yes", false, "approve; without it the run stops after OCR (outcome \"reviewed\")")
	despite := fs.Bool("despite-problems", false, "with --yes, approve even when the checks found a problem (an expired passport, MRZ check digits, an impossible date)")
	usage := func() {
		fmt.Fprint(stderr, `Usage: passport-update run --applicant ID --image FILE [--arabic-name NAME] [--customer-id ID] [--yes [--despite-problems]] < password

Walks the update-passport flow without a screen: the customer's password is the first line of
stdin. Prints one JSON object. Exit codes: 0 success, 2 usage, 3 session or password refused,
4 image refused locally, 5 OCR failed, 6 validation (the Arabic name, or a problem the checks
found: approved only with --despite-problems, as the wizard asks for a second enter), 7 server or
network, and also an approval whose outcome is unknown ("outcome": "unknown": it may have been
recorded; check the customer's record in the back office before approving again).

A signal (SIGTERM, SIGHUP, ctrl+c) while the approval is being sent waits for its answer, up to
--timeout; a second signal leaves at once, and the outcome is then unknown.

Flags:
`)
		s.usage(stderr)
	}
	// checks is [] until the checks run, so a script reads one type whatever the outcome.
	res := runResult{Checks: []checks.Finding{}, TimingsMs: map[string]int64{}, Version: buildVersion()}
	var (
		cfg   config
		start time.Time
		// From the upload on, the run ends with a receipt whatever happens, as a customer's
		// case does in the wizard: a script's abandoned or refused case is in the day's list too.
		uploadStarted bool
		extracted     receipt.Extracted
		corrections   = []receipt.Correction{}
		send          *string // the Arabic name approved (or to approve)
		approvalSent  bool
		approveErr    error
		kept          bool
	)
	keepReceipt := func() {
		if !uploadStarted || cfg.ReceiptDir == "" || kept {
			return
		}
		kept = true
		outcome, sent := receipt.Abandoned, (*string)(nil)
		if approvalSent {
			outcome, sent = receipt.ApprovalOutcome(approveErr), send
		}
		path, err := receipt.Write(cfg.ReceiptDir, receipt.Receipt{
			Tool:        "passport-update " + buildVersion(),
			Operator:    cfg.Operator,
			Host:        cfg.Host,
			ApplicantID: *applicant,
			Outcome:     outcome,
			ImageName:   res.Image.Name,
			ImageSize:   res.Image.Size,
			Extracted:   extracted,
			Corrections: corrections,
			Findings:    res.Checks,
			FullNameAr:  sent,
			StartedAt:   start,
			FinishedAt:  time.Now(),
			Timings:     msToDurations(res.TimingsMs),
		})
		if err != nil {
			fmt.Fprintln(stderr, "passport-update run: the receipt could not be written:", err)
		}
		res.Receipt = path
	}
	fail := func(code int, stage string, err error) int {
		res.ExitCode = code
		if res.Outcome == "" {
			res.Outcome = "failed"
		}
		keepReceipt()
		res.Error = &runError{Stage: stage, Sentence: api.Sentence(err)}
		var ae *api.Error
		if errors.As(err, &ae) {
			res.Error.Kind = ae.Kind.String()
		}
		writeJSON(stdout, res)
		fmt.Fprintln(stderr, "passport-update run:", res.Error.Sentence)
		return code
	}

	if err := refuseSecretFlags(args); err != nil {
		return fail(exitUsage, "usage", err) // the sentence names the flag, never its value
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return exitOK
		}
		return fail(exitUsage, "usage", usageError{err.Error() + "; see passport-update run --help."})
	}
	cfg, err := s.load(getenv)
	if err != nil {
		return fail(exitUsage, "usage", err)
	}
	res.Operator, res.Host = cfg.Operator, cfg.Host
	if *image == "" {
		return fail(exitUsage, "usage", usageError{"--image is required: the passport scan to upload."})
	}
	if *applicant == "" && cfg.Token == "" {
		return fail(exitUsage, "usage", usageError{"--applicant is required unless a ready session token is given (PASSPORT_TOKEN or --token-file)."})
	}
	// Read with cat: what came from outside is written as the screens draw it.
	res.ApplicantID = fullname.Clean(*applicant)
	password, err := readPassword(stdin)
	if err != nil {
		return fail(exitUsage, "usage", err)
	}
	var nameGiven string
	if *arabicName != "" {
		nameGiven = fullname.Normalize(*arabicName)
		if c := fullname.Validate(nameGiven); !c.OK() {
			return fail(exitValidation, "validation", errors.New("The Arabic name cannot be sent: "+c.Err))
		}
	}
	start = time.Now()
	lap := func(name string, since time.Time) { res.TimingsMs[name] = time.Since(since).Milliseconds() }

	// The file is checked before anything goes over the network.
	info := imagecheck.Inspect(*image, cfg.maxImageBytes())
	if info.Refusal != "" {
		return fail(exitImage, "image", errors.New(info.Refusal))
	}
	res.Image = &runImage{Name: imagecheck.EscapeName(filepath.Base(*image)), Size: info.Size, Format: info.Format, Width: info.Width, Height: info.Height}

	env, err := openEnvironment(ctx, cfg, false)
	if err != nil {
		return fail(exitUsage, "usage", err)
	}
	defer env.Close()

	t := time.Now()
	var sess api.PassportSession
	if cfg.Token != "" {
		sess, err = env.client.ResumePassportSession(ctx)
	} else {
		sess, err = env.client.OpenPassportSession(ctx, env.tenantID, env.tenantSecret, *applicant)
	}
	lap("session", t)
	if err != nil {
		return fail(authOrServer(err), "session", err)
	}
	client := sess.Client

	type flag struct {
		on  bool
		err error
	}
	translation := make(chan flag, 1)
	go func() {
		on, err := client.IsTranslationStepEnabled(ctx)
		translation <- flag{on, err}
	}()

	t = time.Now()
	err = client.VerifyPassword(ctx, password, api.StepPassport)
	lap("password", t)
	if err != nil {
		return fail(authOrServer(err), "password", err)
	}

	t = time.Now()
	f, err := openChecked(*image, info)
	if err != nil {
		return fail(exitImage, "image", err)
	}
	uploadStarted = true
	up, err := client.UploadPassportImage(ctx, api.UploadRequest{CustomerID: *customerID, Image: f, Size: info.Size})
	f.Close()
	lap("upload", t)
	if err != nil {
		return fail(uploadCode(err), "upload", err)
	}
	data := up.Data
	extracted = receipt.FromPassport(data)
	res.Extracted = &extracted
	// The Arabic name: the one given, else what OCR read; sent only when translation is on or
	// OCR read an Arabic name, otherwise null.
	ocrName := fullname.Normalize(firstNonEmpty(data.FullNameAr, arabicOnly(data.FullName)))
	corrections = nameCorrection(ocrName, nameGiven)
	if found := checks.Review(data, time.Now()); found != nil {
		res.Checks = found
	}

	tr := <-translation
	if tr.err != nil {
		return fail(authOrServer(tr.err), "translation", tr.err)
	}
	res.TranslationEnabled = &tr.on

	switch {
	case nameGiven != "":
		send = &nameGiven
	case ocrName != "":
		send = &ocrName
	case tr.on:
		if *yes {
			return fail(exitValidation, "validation", errors.New("Translation is on and OCR read no Arabic name: give it with --arabic-name."))
		}
	}
	if send != nil {
		c := fullname.Validate(*send)
		if !c.OK() && *yes {
			return fail(exitValidation, "validation", errors.New("The Arabic name read by OCR cannot be sent: "+c.Err+" Give the corrected name with --arabic-name."))
		}
		res.NameWarning = c.Warning
	}

	if problems := problemSentences(res.Checks); len(problems) > 0 && *yes && !*despite {
		return fail(exitValidation, "checks", errors.New("The checks found problems, so nothing was approved: "+
			strings.Join(problems, " ")+" Approve anyway with --yes --despite-problems."))
	}
	if !*yes {
		res.Outcome = "reviewed"
		res.FullNameArSent = nil
		lap("total", start)
		keepReceipt() // abandoned: uploaded, nothing approved
		writeJSON(stdout, res)
		return exitOK
	}

	t = time.Now()
	approvalSent = true
	approveErr = approve(ctx, client, send, stderr)
	lap("approve", t)
	lap("total", start)
	res.FullNameArSent = send
	// The receipt and the JSON say the outcome api's policy gives, in their own words: run's
	// JSON has said "failed" for a refused approval from its first version, and still does.
	switch res.Outcome = receipt.ApprovalOutcome(approveErr); res.Outcome {
	case receipt.Unknown:
		return fail(exitServer, "approve", approveErr)
	case receipt.Refused:
		res.Outcome = "failed"
		return fail(approveCode(approveErr), "approve", approveErr)
	}
	keepReceipt()
	writeJSON(stdout, res)
	return exitOK
}

// readPassword takes the first line of stdin.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", usageError{"The password could not be read from stdin."}
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usageError{"The customer's password must be the first line of stdin."}
	}
	return line, nil
}

// openChecked opens the inspected file again, refusing it if it changed in between.
func openChecked(path string, info imagecheck.Info) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("The image %s can no longer be opened; pick it again.", filepath.Base(path))
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != info.Size || !st.ModTime().Equal(info.ModTime) {
		f.Close()
		return nil, fmt.Errorf("The image %s changed after it was checked; run again.", filepath.Base(path))
	}
	return f, nil
}

// approve sends the approval so that a signal arriving once it is on its way does not cut it
// off: cancelling then would turn a clear answer into an unknown outcome. The call's own
// timeout still bounds the wait, and a second signal ends the process (see realMain).
func approve(ctx context.Context, client *api.Client, name *string, stderr io.Writer) error {
	answered := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-ctx.Done():
			fmt.Fprintln(stderr, "passport-update run: the approval is on its way; waiting for the server's answer (signal again to leave at once, the outcome is then unknown).")
		case <-answered:
		}
	})
	err := client.Approve(context.WithoutCancel(ctx), name)
	close(answered)
	wg.Wait()
	return err
}

// authOrServer is the exit code of a failed session or password step.
func authOrServer(err error) int {
	var ae *api.Error
	if errors.As(err, &ae) {
		switch ae.Kind {
		case api.KindUnauthorized, api.KindForbidden, api.KindNotFound, api.KindValidation, api.KindFailed:
			return exitAuth
		}
		return exitServer
	}
	return exitAuth // ErrPassportStepNotAllowed, *UnsupportedMethodError
}

func uploadCode(err error) int {
	var ae *api.Error
	if errors.As(err, &ae) {
		switch ae.Kind {
		case api.KindFailed, api.KindValidation, api.KindTooLarge:
			return exitOCR
		case api.KindUnauthorized:
			return exitAuth
		}
	}
	return exitServer
}

// approveCode is the exit code of an approval the server refused (an unknown outcome is
// exitServer, decided by api.OutcomeUnknown before this is asked).
func approveCode(err error) int {
	var ae *api.Error
	switch {
	case api.SessionExpired(err):
		return exitAuth
	case errors.As(err, &ae) && (ae.Kind == api.KindValidation || ae.Kind == api.KindFailed):
		return exitValidation
	}
	return exitServer
}

func nameCorrection(ocr, given string) []receipt.Correction {
	if given == "" || given == ocr {
		return []receipt.Correction{}
	}
	return []receipt.Correction{{Field: "FullNameAr", Original: ocr, Corrected: given}}
}

func msToDurations(ms map[string]int64) map[string]time.Duration {
	out := make(map[string]time.Duration, len(ms))
	for k, v := range ms {
		out[k] = time.Duration(v) * time.Millisecond
	}
	return out
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// arabicOnly keeps s when it is written in Arabic (customerData's fullName may be either script).
func arabicOnly(s string) string {
	if fullname.HasArabic(s) {
		return s
	}
	return ""
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// problemSentences are the sentences of the findings the checks count as problems: the update
// should not go ahead as it is.
func problemSentences(found []checks.Finding) []string {
	var out []string
	for _, f := range found {
		if f.Severity == checks.Problem {
			out = append(out, f.Sentence)
		}
	}
	return out
}
