// Command passport-update takes bank-branch staff through the eKYC "update passport" flow for a
// customer at the desk. Without an API URL it runs against an embedded sandbox server (demo mode).
//
//	passport-update             the wizard (demo mode without --api-url)
//	passport-update run …       the same flow, non-interactive, one JSON result
//	passport-update sandbox …   the sandbox server alone
//	passport-update receipts …  the day's cases from the receipts folder
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/sandbox"
	"example.com/passport-update/tui"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise the module's.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func main() {
	os.Exit(realMain(context.Background(), os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// untilSignalled ends ctx on SIGTERM, SIGHUP or SIGINT, for the commands without a screen. The
// wizard does not use it: bubbletea turns SIGTERM into a clean quit and tui.Run handles SIGHUP,
// and a second listener for SIGTERM would race bubbletea's into a hang.
func untilSignalled(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGHUP, os.Interrupt)
}

// realMain runs one command and returns the process exit code.
func realMain(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "run" {
		// run refuses a secret on its command line itself, in its JSON like every usage error.
		ctx, stop := untilSignalled(ctx)
		defer stop()
		// After the first signal the next one ends the process at once: run may be waiting
		// for an approval's answer and must not hold a person who wants out.
		context.AfterFunc(ctx, stop)
		return runCommand(ctx, args[1:], getenv, stdin, stdout, stderr)
	}
	if err := refuseSecretFlags(args); err != nil {
		fmt.Fprintln(stderr, "passport-update:", err)
		return exitUsage
	}
	if len(args) > 0 {
		switch args[0] {
		case "sandbox":
			ctx, stop := untilSignalled(ctx)
			defer stop()
			return sandboxCommand(ctx, args[1:], stdout, stderr)
		case "version":
			fmt.Fprintln(stdout, "passport-update", buildVersion())
			return 0
		case "receipts":
			return receiptsCommand(args[1:], getenv, stdout, stderr)
		}
	}
	return wizardCommand(ctx, args, getenv, stdout, stderr)
}

const (
	exitOK         = 0
	exitUsage      = 2
	exitAuth       = 3
	exitImage      = 4
	exitOCR        = 5
	exitValidation = 6
	exitServer     = 7
)

func wizardCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := newFlagSet("passport-update")
	s := newSettings(fs, getenv)
	showVersion := fs.Bool("version", false, "print the version and exit")
	usage := func() {
		fmt.Fprint(stderr, `passport-update — update a customer's passport through the eKYC API

Usage:
  passport-update [flags]            the wizard (no --api-url: demo on the embedded sandbox)
  passport-update run [flags] …      non-interactive; see passport-update run --help
  passport-update sandbox [--addr A] the sandbox server alone
  passport-update receipts [flags]   the day's cases from the receipts folder; see passport-update receipts --help

Flags (each may be set by its environment variable; a flag wins):
`)
		s.usage(stderr)
		fmt.Fprint(stderr, `
Secrets are never flags: PASSPORT_TENANT_SECRET / --tenant-secret-file, PASSPORT_TOKEN / --token-file.
`)
	}
	if err := fs.Parse(args); err != nil {
		return flagError("passport-update", err, usage, stderr)
	}
	if *showVersion {
		fmt.Fprintln(stdout, "passport-update", buildVersion())
		return exitOK
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "passport-update: unknown command %q; see --help.\n", fs.Arg(0))
		return exitUsage
	}
	cfg, err := s.load(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "passport-update:", err)
		return exitUsage
	}
	env, err := openEnvironment(ctx, cfg, true)
	if err != nil {
		fmt.Fprintln(stderr, "passport-update:", api.Sentence(err)) // as run says it
		return exitUsage
	}
	defer env.Close()

	res, err := tui.Run(ctx, tui.Config{
		Client:       env.client,
		TenantID:     env.tenantID,
		TenantSecret: env.tenantSecret,
		TokenReady:   cfg.Token != "",
		Demo:         env.demo,
		StartDir:     env.startDir,
		MaxImageSize: cfg.maxImageBytes(),
		ReceiptDir:   cfg.ReceiptDir,
		Operator:     cfg.Operator,
		Host:         cfg.Host,
		RTL:          cfg.RTL,
		Version:      buildVersion(),
		Logger:       env.logger,
	})
	if res.Summary != "" {
		fmt.Fprintln(stdout, res.Summary)
	}
	if errors.Is(err, tui.ErrNoTerminal) {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintln(stderr, "passport-update:", err)
		return exitServer
	}
	if res.OutcomeUnknown {
		return exitServer // as run does: an approval whose outcome must be checked
	}
	return exitOK
}

// newFlagSet is a flag set that prints nothing itself: the flag package would print the whole
// usage in front of every mistake, and once more before the command's own --help text.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// flagError answers a failed parse: the usage once for --help, otherwise the mistake in one line
// that points to the command's --help.
func flagError(command string, err error, usage func(), stderr io.Writer) int {
	if errors.Is(err, flag.ErrHelp) {
		usage()
		return exitOK
	}
	fmt.Fprintf(stderr, "%s: %v; see %s --help.\n", command, err, command)
	return exitUsage
}

// environment is what a command runs against: a client, and in demo mode the sandbox behind it.
type environment struct {
	client       *api.Client
	tenantID     string
	tenantSecret string
	demo         *tui.Demo
	startDir     string
	logger       *slog.Logger
	closers      []func()
}

func (e *environment) Close() {
	for i := len(e.closers) - 1; i >= 0; i-- {
		e.closers[i]()
	}
}

// openEnvironment builds the client from cfg; without an API URL it starts the sandbox on a
// loopback port and, for the picker, writes its specimen images to a temporary folder.
func openEnvironment(ctx context.Context, cfg config, forPicker bool) (*environment, error) {
	env := &environment{tenantID: cfg.TenantID, tenantSecret: cfg.TenantSecret, startDir: cfg.Dir}
	ok := false
	defer func() {
		if !ok {
			env.Close()
		}
	}()

	env.logger = slog.New(slog.DiscardHandler)
	if cfg.LogFile != "" {
		f, err := os.OpenFile(cfg.LogFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err == nil {
			// The mode above applies only to a new file; an existing one may have been
			// readable by others.
			err = f.Chmod(0o600)
			if err != nil {
				f.Close()
			}
		}
		if err != nil {
			return nil, usageError{fmt.Sprintf("The log file %s (%s) cannot be opened (%v).", cfg.LogFile, cfg.named("log"), pathReason(err))}
		}
		env.closers = append(env.closers, func() { f.Close() })
		// Every line says who, where and which build: the log is read beside the receipts.
		env.logger = slog.New(slog.NewJSONHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})).
			With("operator", cfg.Operator, "host", cfg.Host, "version", buildVersion())
	}

	baseURL := cfg.APIURL
	if baseURL == "" {
		url, shutdown, err := startSandbox(ctx)
		if err != nil {
			return nil, err
		}
		env.closers = append(env.closers, shutdown)
		baseURL = url
		env.tenantID, env.tenantSecret = sandbox.TenantID, sandbox.TenantSecret
		env.demo = &tui.Demo{PasswordHint: sandbox.Password}
		for _, sc := range sandbox.Scenarios() {
			env.demo.Applicants = append(env.demo.Applicants, tui.DemoApplicant{ApplicantID: sc.ApplicantID, Name: sc.Name, Description: sc.Description})
		}
		if env.startDir == "" && forPicker {
			dir, err := os.MkdirTemp("", "passport-specimens-")
			if err != nil {
				return nil, fmt.Errorf("cannot make a folder for the specimen images: %w", err)
			}
			// The 1.7 MB of specimens are written after the first frame, not before it: the
			// wizard starts the writing once its first frame is drawn, and the picker waits
			// for it when the passport step is reached.
			var (
				mu      sync.Mutex
				removed bool
			)
			env.demo.Specimens = sync.OnceValue(func() error {
				mu.Lock()
				defer mu.Unlock()
				if removed {
					return errors.New("the wizard has ended")
				}
				_, err := sandbox.WriteSpecimens(dir)
				return err
			})
			env.closers = append(env.closers, func() {
				mu.Lock()
				defer mu.Unlock()
				removed = true
				os.RemoveAll(dir)
			})
			env.startDir = dir
		}
	}
	if env.startDir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		env.startDir = wd
	}

	hc, err := api.NewHTTPClient(cfg.CAFile, cfg.named("ca-file"))
	if err != nil {
		return nil, err
	}
	opts := []api.Option{
		api.WithURLSetting(cfg.named("api-url")),
		api.WithHTTPClient(hc),
		api.WithLanguage(cfg.Lang),
		api.WithTimeout(cfg.Timeout),
		api.WithUploadTimeout(cfg.UploadTimeout),
		api.WithVerifyPath(cfg.VerifyPath),
		api.WithUserAgent(buildVersion()),
		api.WithLogger(env.logger),
	}
	if cfg.Token != "" {
		opts = append(opts, api.WithToken(cfg.Token))
	}
	opts = append(opts, testClientOptions...)
	env.client, err = api.New(baseURL, opts...)
	if err != nil {
		return nil, err
	}
	ok = true
	return env, nil
}

// testClientOptions are added to every client; tests set api.WithRetryPause(0) so the one
// automatic retry does not make them wait.
var testClientOptions []api.Option

// startSandbox serves the sandbox on a loopback port for this process's lifetime.
func startSandbox(ctx context.Context) (string, func(), error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("cannot start the embedded sandbox: %w", err)
	}
	srv := &http.Server{Handler: sandbox.New(sandbox.Options{}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	shutdown := func() {
		c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(c)
	}
	return "http://" + ln.Addr().String(), shutdown, nil
}

func sandboxCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("passport-update sandbox")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	write := fs.String("write-specimens", "", "write the specimen passport images into this folder and exit")
	usage := func() {
		fmt.Fprintln(stderr, "Usage: passport-update sandbox [--addr 127.0.0.1:8080] [--write-specimens DIR]\n\nServes the eKYC sandbox: demo tenant, demo password, one applicant ID per scenario.")
		fs.VisitAll(func(f *flag.Flag) { fmt.Fprintf(stderr, "  --%s  default %q\n      %s\n", f.Name, f.DefValue, f.Usage) })
	}
	if err := fs.Parse(args); err != nil {
		return flagError("passport-update sandbox", err, usage, stderr)
	}
	if *write != "" {
		paths, err := sandbox.WriteSpecimens(*write)
		if err != nil {
			fmt.Fprintln(stderr, "passport-update sandbox:", err)
			return exitUsage
		}
		for _, p := range paths {
			fmt.Fprintln(stdout, p)
		}
		return exitOK
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "passport-update sandbox: cannot listen on %s: %v\n", *addr, err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "passport-update sandbox listening on http://%s\n\n", ln.Addr())
	fmt.Fprintf(stdout, "  tenant id       %s\n  tenant secret   %s\n  demo password   %s\n\n  applicants:\n", sandbox.TenantID, sandbox.TenantSecret, sandbox.Password)
	for _, sc := range sandbox.Scenarios() {
		fmt.Fprintf(stdout, "    %-22s %s — %s\n", sc.ApplicantID, sc.Name, sc.Description)
	}
	fmt.Fprintf(stdout, "\n  index page and specimen images: http://%s/\n", ln.Addr())
	srv := &http.Server{Handler: sandbox.New(sandbox.Options{}), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(c)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "passport-update sandbox:", err)
		return exitServer
	}
	return exitOK
}
