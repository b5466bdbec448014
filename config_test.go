package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/tui/arabic"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestSecretFlagsAreRefusedWithoutRepeatingTheSecret(t *testing.T) {
	for _, args := range [][]string{
		{"--password", "hunter2-secret"},
		{"--password=hunter2-secret"},
		{"-token", "hunter2-secret"},
		{"run", "--token=hunter2-secret", "--image", "x.jpg"},
		{"--tenant-secret", "hunter2-secret"},
		{"sandbox", "--secret=hunter2-secret"},
	} {
		var out, errOut bytes.Buffer
		code := realMain(context.Background(), args, envOf(nil), strings.NewReader(""), &out, &errOut)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		msg := errOut.String()
		if !strings.Contains(msg, "not accepted on the command line") || !strings.Contains(msg, "PASSPORT_") && !strings.Contains(msg, "stdin") {
			t.Errorf("%v: the sentence does not say where the secret goes: %q", args, msg)
		}
		if strings.Contains(msg+out.String(), "hunter2-secret") {
			t.Errorf("%v: the refused secret was repeated: %q", args, msg)
		}
	}
}

func TestTokenFileFlagIsNotMistakenForASecret(t *testing.T) {
	if err := refuseSecretFlags([]string{"--token-file", "/dev/null", "--tenant-secret-file=x"}); err != nil {
		t.Fatalf("file flags must be accepted: %v", err)
	}
}

func TestFlagsWinOverTheEnvironment(t *testing.T) {
	env := map[string]string{
		"PASSPORT_API_URL":       "https://env.example/OnBoarding/",
		"PASSPORT_TENANT_ID":     "env-tenant",
		"PASSPORT_TENANT_SECRET": "s3cret",
		"PASSPORT_TIMEOUT":       "7",
		"PASSPORT_MAX_IMAGE_MB":  "9",
		"PASSPORT_RTL":           "app",
		"PASSPORT_VERIFY_PATH":   "sdk",
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	s := newSettings(fs, envOf(env))
	if err := fs.Parse([]string{"--tenant-id", "flag-tenant", "--timeout", "3s", "--rtl", "off"}); err != nil {
		t.Fatal(err)
	}
	c, err := s.load(envOf(env))
	if err != nil {
		t.Fatal(err)
	}
	if c.TenantID != "flag-tenant" || c.Timeout != 3*time.Second || c.RTL != arabic.ModeOff {
		t.Errorf("flags did not win: tenant %q timeout %v rtl %v", c.TenantID, c.Timeout, c.RTL)
	}
	if c.APIURL != "https://env.example/OnBoarding/" || c.MaxImageMB != 9 || c.TenantSecret != "s3cret" {
		t.Errorf("environment not used: url %q max %d", c.APIURL, c.MaxImageMB)
	}
	if c.UploadTimeout != 60*time.Second {
		t.Errorf("upload timeout default = %v, want 60s", c.UploadTimeout)
	}
}

func TestBadSettingsAreUsageErrorsWithASentence(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--verify-path", "both"}, nil, "--verify-path must be auto, doc or sdk"},
		{[]string{"--timeout", "soon"}, nil, "--timeout must be a duration"},
		{[]string{"--max-image-mb", "-3"}, nil, "--max-image-mb must be a whole number"},
		{[]string{"--rtl", "sideways"}, nil, "--rtl must be terminal, app or off"},
		{[]string{"--api-url", "https://bank.example"}, nil, "give either the tenant"},
		{[]string{"--token-file", "does-not-exist.txt"}, nil, "cannot be read"},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		s := newSettings(fs, envOf(tc.env))
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		_, err := s.load(envOf(tc.env))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want it to say %q", tc.args, err, tc.want)
		}
	}
}

func TestHelpListsEveryFlagWithItsVariable(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := realMain(context.Background(), []string{"--help"}, envOf(nil), strings.NewReader(""), &out, &errOut); code != exitOK {
		t.Fatalf("--help exit %d", code)
	}
	help := errOut.String()
	for _, want := range []string{
		"--api-url", "PASSPORT_API_URL", "--tenant-id", "PASSPORT_TENANT_ID", "PASSPORT_TENANT_SECRET",
		"--token-file", "PASSPORT_TOKEN", "--lang", "PASSPORT_LANG", "--verify-path", "PASSPORT_VERIFY_PATH",
		"--timeout", "PASSPORT_TIMEOUT", "--upload-timeout", "PASSPORT_UPLOAD_TIMEOUT", "--ca-file",
		"PASSPORT_CA_FILE", "--max-image-mb", "PASSPORT_MAX_IMAGE_MB", "--dir", "PASSPORT_DIR", "--log",
		"PASSPORT_LOG", "--receipt", "PASSPORT_RECEIPT_DIR", "--rtl", "PASSPORT_RTL", "--version",
		"--operator", "PASSPORT_OPERATOR", "passport-update receipts",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("--help does not mention %s", want)
		}
	}
}

// The operator is never empty: the name given, else the OS login, else $USER, $LOGNAME or
// $USERNAME, else "unknown"; a login with control characters is cleaned, a name given with them
// is refused.
func TestTheOperatorDefaultsToWhoIsLoggedIn(t *testing.T) {
	old := osLogin
	t.Cleanup(func() { osLogin = old })
	for _, tc := range []struct {
		name, login string
		env         map[string]string
		want        string
	}{
		{"the OS login", "amal.hassan", map[string]string{"USER": "user-var"}, "amal.hassan"},
		{"$USER when the OS does not say", "", map[string]string{"USER": "user-var", "LOGNAME": "logname-var"}, "user-var"},
		{"$LOGNAME next", "", map[string]string{"LOGNAME": "logname-var", "USERNAME": "username-var"}, "logname-var"},
		{"$USERNAME (Windows) next", "", map[string]string{"USERNAME": "username-var"}, "username-var"},
		{"unknown when nothing says", "", nil, "unknown"},
		{"a login with an escape sequence is cleaned", "amal\x1b[2J", nil, "amal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			osLogin = func() string { return tc.login }
			fs := newFlagSet("t")
			s := newSettings(fs, envOf(tc.env))
			if err := fs.Parse(nil); err != nil {
				t.Fatal(err)
			}
			c, err := s.load(envOf(tc.env))
			if err != nil || c.Operator != tc.want {
				t.Errorf("operator %q (%v), want %q", c.Operator, err, tc.want)
			}
			if c.Host == "" {
				t.Error("no host name")
			}
		})
	}
}

func TestVersionPrintsTheBuild(t *testing.T) {
	var out bytes.Buffer
	if code := realMain(context.Background(), []string{"--version"}, envOf(nil), strings.NewReader(""), &out, io.Discard); code != exitOK {
		t.Fatalf("--version exit %d", code)
	}
	if !strings.HasPrefix(out.String(), "passport-update ") {
		t.Errorf("--version printed %q", out.String())
	}
}

func TestMaxImageMBCountsTheMegabytesTheScreensShow(t *testing.T) {
	for _, tc := range []struct {
		mb   int
		want int64
	}{
		{1, 1_000_000},
		{10, 10_000_000},
		{15, 15_000_000},
	} {
		if got := (config{MaxImageMB: tc.mb}).maxImageBytes(); got != tc.want {
			t.Errorf("--max-image-mb %d allows %d bytes, want %d", tc.mb, got, tc.want)
		}
	}
}

func TestHelpSaysWhatAMegabyteIs(t *testing.T) {
	var errOut bytes.Buffer
	realMain(context.Background(), []string{"--help"}, envOf(nil), strings.NewReader(""), io.Discard, &errOut)
	if !strings.Contains(errOut.String(), "1 MB = 1,000,000 bytes") {
		t.Errorf("--help does not say what --max-image-mb counts:\n%s", errOut.String())
	}
}

func TestHelpIsPrintedOnceForEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"run", "--help"}, {"sandbox", "--help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := realMain(context.Background(), args, envOf(nil), strings.NewReader(""), &out, &errOut)
			if code != exitOK {
				t.Errorf("exit %d, want 0", code)
			}
			if n := strings.Count(errOut.String(), "Usage"); n != 1 {
				t.Errorf("the usage is printed %d times:\n%s", n, errOut.String())
			}
			if out.Len() != 0 {
				t.Errorf("--help also printed on stdout: %q", out.String())
			}
		})
	}
}

func TestAnUnknownFlagIsOneLinePointingToHelp(t *testing.T) {
	for _, tc := range []struct {
		args []string
		line string
	}{
		{[]string{"--bogus"}, "passport-update: flag provided but not defined: -bogus; see passport-update --help.\n"},
		{[]string{"sandbox", "--bogus"}, "passport-update sandbox: flag provided but not defined: -bogus; see passport-update sandbox --help.\n"},
		{[]string{"run", "--bogus"}, "passport-update run: flag provided but not defined: -bogus; see passport-update run --help.\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := realMain(context.Background(), tc.args, envOf(nil), strings.NewReader(""), &out, &errOut)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if !strings.EqualFold(errOut.String(), tc.line) {
				t.Errorf("stderr:\n%s\nwant the one line:\n%s", errOut.String(), tc.line)
			}
		})
	}
}

// loadSettings parses args over env as the commands do and opens the environment (no network:
// tests give an API URL and a token, or fail before the sandbox would start).
func loadSettings(t *testing.T, args []string, env map[string]string) error {
	t.Helper()
	fs := newFlagSet("t")
	s := newSettings(fs, envOf(env))
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	cfg, err := s.load(envOf(env))
	if err != nil {
		return err
	}
	e, err := openEnvironment(context.Background(), cfg, false)
	if err == nil {
		e.Close()
	}
	return err
}

func TestABadValueIsNamedAsThePersonSetIt(t *testing.T) {
	remote := map[string]string{"PASSPORT_API_URL": "https://bank.example/OnBoarding/", "PASSPORT_TOKEN": "t"}
	for _, tc := range []struct {
		setting, value string
	}{
		{"timeout", "abc"},
		{"upload-timeout", "-5s"},
		{"verify-path", "both"},
		{"max-image-mb", "10.5"},
		{"rtl", "sideways"},
		{"token-file", "does-not-exist.txt"},
		{"tenant-secret-file", "does-not-exist.txt"},
		{"log", "no-such-folder/requests.log"},
		{"ca-file", "no-such-ca.pem"},
		{"api-url", "ftp://bank.example/"},
		{"operator", "amal\x1b[31m"},
	} {
		variable := newSettings(newFlagSet("t"), envOf(nil)).lookup(tc.setting).env
		t.Run(tc.setting+" from "+variable, func(t *testing.T) {
			env := map[string]string{variable: tc.value}
			for k, v := range remote {
				if _, set := env[k]; !set {
					env[k] = v
				}
			}
			err := loadSettings(t, nil, env)
			if err == nil {
				t.Fatalf("%s=%q was accepted", variable, tc.value)
			}
			msg := api.Sentence(err)
			if !strings.Contains(msg, variable) || strings.Contains(msg, "--"+tc.setting) {
				t.Errorf("%s=%q: %q does not name the variable alone", variable, tc.value, msg)
			}
		})
		t.Run(tc.setting+" from --"+tc.setting, func(t *testing.T) {
			env := map[string]string{variable: "also set, and overridden"}
			for k, v := range remote {
				if _, set := env[k]; !set {
					env[k] = v
				}
			}
			err := loadSettings(t, []string{"--" + tc.setting, tc.value}, env)
			if err == nil {
				t.Fatalf("--%s %q was accepted", tc.setting, tc.value)
			}
			if msg := api.Sentence(err); !strings.Contains(msg, "--"+tc.setting) || strings.Contains(msg, variable) {
				t.Errorf("--%s %q: %q does not name the flag alone", tc.setting, tc.value, msg)
			}
		})
	}
}

func TestTheWizardRefusesItsSettingsInASentence(t *testing.T) {
	notAFolder := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(notAFolder, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		say  string
	}{
		{"plain http to a bank", map[string]string{"PASSPORT_API_URL": "http://bank.example/", "PASSPORT_TOKEN": "t"}, "plain http://"},
		{"an unreadable CA file", map[string]string{"PASSPORT_API_URL": "https://bank.example/", "PASSPORT_TOKEN": "t", "PASSPORT_CA_FILE": "no-such-ca.pem"}, "could not be read"},
		{"a receipt folder that cannot be written", map[string]string{"PASSPORT_RECEIPT_DIR": filepath.Join(notAFolder, "receipts")},
			"The receipt folder " + filepath.Join(notAFolder, "receipts") + " (PASSPORT_RECEIPT_DIR) cannot be written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var errOut bytes.Buffer
			code := realMain(context.Background(), nil, envOf(tc.env), strings.NewReader(""), io.Discard, &errOut)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if msg := errOut.String(); !strings.Contains(msg, tc.say) || strings.Contains(msg, "refused (") {
				t.Errorf("stderr %q: want a sentence saying %q, not the error's code", msg, tc.say)
			}
		})
	}
}
