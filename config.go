package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/fullname"
	"example.com/passport-update/internal/receipt"
	"example.com/passport-update/tui/arabic"
)

// config is everything the flags and the environment say. Secrets come only from the environment
// or from files, never from argv.
type config struct {
	APIURL        string
	TenantID      string
	TenantSecret  string // secret
	Token         string // secret
	Lang          string
	VerifyPath    api.VerifyPath
	Timeout       time.Duration
	UploadTimeout time.Duration
	CAFile        string
	MaxImageMB    int
	Dir           string
	LogFile       string
	ReceiptDir    string
	RTL           arabic.Mode
	// Operator is who serves the customer (--operator, else the OS login), Host the
	// workstation: both go into every receipt and log line.
	Operator string
	Host     string

	// from names where each setting's value came from ("--log" or "PASSPORT_LOG"), so a
	// sentence about a bad value names what the person set.
	from map[string]string
}

// named is how a sentence names setting: the flag, or the environment variable that set it.
func (c config) named(setting string) string {
	if n := c.from[setting]; n != "" {
		return n
	}
	return "--" + setting
}

// setting is one flag with the environment variable that backs it.
type setting struct {
	name, env, def, usage string
	value                 *string
}

// settings registers the shared flags on fs. Each flag's value starts from its environment
// variable when set, so a flag given on the command line wins over the environment.
type settings struct {
	list   []*setting
	fs     *flag.FlagSet
	getenv func(string) string
}

// add registers one flag, backed by the environment variable env when it is not "".
func (s *settings) add(name, env, def, usage string) {
	st := &setting{name: name, env: env, def: def, usage: usage, value: new(string)}
	start := def
	if env != "" && s.getenv(env) != "" {
		start = s.getenv(env)
	}
	s.fs.StringVar(st.value, name, start, usage)
	s.list = append(s.list, st)
}

func newSettings(fs *flag.FlagSet, getenv func(string) string) *settings {
	s := &settings{fs: fs, getenv: getenv}
	add := s.add
	add("api-url", "PASSPORT_API_URL", "", "base URL of the eKYC API, path prefix included; empty: the embedded sandbox (demo mode)")
	add("tenant-id", "PASSPORT_TENANT_ID", "", "tenant for opening update sessions (the secret: PASSPORT_TENANT_SECRET or --tenant-secret-file)")
	add("tenant-secret-file", "PASSPORT_TENANT_SECRET_FILE", "", "file holding the tenant secret (or set PASSPORT_TENANT_SECRET)")
	add("token-file", "PASSPORT_TOKEN_FILE", "", "file holding a ready session token, steps 1–3 done elsewhere (or set PASSPORT_TOKEN)")
	add("lang", "PASSPORT_LANG", "en", "Accept-Language for server messages: en or ar")
	add("verify-path", "PASSPORT_VERIFY_PATH", "auto", "VerifyPassword path: auto (documented path, then the SDK's on 404), doc or sdk")
	add("timeout", "PASSPORT_TIMEOUT", "20s", "limit for each call except the upload")
	add("upload-timeout", "PASSPORT_UPLOAD_TIMEOUT", "60s", "limit for the upload and OCR")
	add("ca-file", "PASSPORT_CA_FILE", "", "PEM file of extra CA certificates (a bank's private CA)")
	add("max-image-mb", "PASSPORT_MAX_IMAGE_MB", "15", "refuse images larger than this many megabytes (1 MB = 1,000,000 bytes, as every screen counts them)")
	add("dir", "PASSPORT_DIR", "", "folder the image picker opens (default: the current folder; the specimens in demo mode)")
	add("log", "PASSPORT_LOG", "", "append a redacted request log (JSON lines) to this file")
	add("receipt", "PASSPORT_RECEIPT_DIR", "", "write one JSON receipt per customer whose scan was uploaded (approved, refused, unknown or abandoned) into this folder; list them with passport-update receipts")
	add("operator", "PASSPORT_OPERATOR", "", "who serves the customer, written into every receipt and log line (default: the login name of this computer's user)")
	add("rtl", "PASSPORT_RTL", "", "Arabic display: terminal, app or off (default: guessed from the terminal)")
	return s
}

func (s *settings) get(name string) string { return strings.TrimSpace(*s.lookup(name).value) }

func (s *settings) lookup(name string) *setting {
	for _, st := range s.list {
		if st.name == name {
			return st
		}
	}
	panic("unknown setting " + name)
}

// origin names where name's value came from: the flag when it was given on the command line,
// else its environment variable when that is set, else the flag (the default is the flag's).
func (s *settings) origin(name string) string {
	onCommandLine := false
	s.fs.Visit(func(f *flag.Flag) { onCommandLine = onCommandLine || f.Name == name })
	if st := s.lookup(name); !onCommandLine && st.env != "" && s.getenv(st.env) != "" {
		return st.env
	}
	return "--" + name
}

// usage prints every flag with its environment variable and default.
func (s *settings) usage(w io.Writer) {
	byName := map[string]*setting{}
	for _, st := range s.list {
		byName[st.name] = st
	}
	var names []string
	s.fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	sort.Strings(names)
	for _, n := range names {
		f := s.fs.Lookup(n)
		line := "  --" + n
		if st, ok := byName[n]; ok {
			if st.env != "" {
				line += "  (env " + st.env + ")"
			}
			if st.def != "" {
				line += "  default " + st.def
			}
		} else if f.DefValue != "" && f.DefValue != "false" {
			line += "  default " + f.DefValue
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, f.Usage)
	}
}

// secretFlags are names people try; each is refused with a sentence saying where the secret goes.
var secretFlags = map[string]string{
	"token":         "put the token in PASSPORT_TOKEN or in a file named by --token-file",
	"tenant-secret": "put it in PASSPORT_TENANT_SECRET or in a file named by --tenant-secret-file",
	"secret":        "put the tenant secret in PASSPORT_TENANT_SECRET or in a file named by --tenant-secret-file",
	"password":      "the customer types the password into the wizard; for `passport-update run` give it as the first line of stdin",
}

// refuseSecretFlags rejects a secret on the command line without ever repeating its value.
func refuseSecretFlags(args []string) error {
	for _, a := range args {
		if a == "--" {
			return nil
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name := strings.TrimLeft(a, "-")
		if i := strings.IndexByte(name, '='); i >= 0 {
			name = name[:i]
		}
		if where, ok := secretFlags[strings.ToLower(name)]; ok {
			return usageError{fmt.Sprintf("--%s is not accepted on the command line, where other users of this machine can read it: %s.", name, where)}
		}
	}
	return nil
}

// usageError is a mistake in how the program was called (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// load turns the settings into a config, reading secrets from the environment and files.
func (s *settings) load(getenv func(string) string) (config, error) {
	var c config
	var err error
	c.from = map[string]string{}
	for _, st := range s.list {
		c.from[st.name] = s.origin(st.name)
	}
	c.APIURL = s.get("api-url")
	c.TenantID = s.get("tenant-id")
	c.Lang = s.get("lang")
	c.CAFile = s.get("ca-file")
	c.LogFile = s.get("log")
	c.ReceiptDir = s.get("receipt")

	if c.TenantSecret, err = secretFrom(getenv("PASSPORT_TENANT_SECRET"), s.get("tenant-secret-file"), "tenant secret", c.named("tenant-secret-file")); err != nil {
		return c, err
	}
	if c.Token, err = secretFrom(getenv("PASSPORT_TOKEN"), s.get("token-file"), "token", c.named("token-file")); err != nil {
		return c, err
	}
	var ok bool
	if c.VerifyPath, ok = api.ParseVerifyPath(s.get("verify-path")); !ok {
		return c, usageError{fmt.Sprintf("%s must be auto, doc or sdk, not %q.", c.named("verify-path"), s.get("verify-path"))}
	}
	if c.Timeout, err = parseDuration(c.named("timeout"), s.get("timeout")); err != nil {
		return c, err
	}
	if c.UploadTimeout, err = parseDuration(c.named("upload-timeout"), s.get("upload-timeout")); err != nil {
		return c, err
	}
	if c.MaxImageMB, err = strconv.Atoi(s.get("max-image-mb")); err != nil || c.MaxImageMB <= 0 {
		return c, usageError{fmt.Sprintf("%s must be a whole number of megabytes (1 MB = 1,000,000 bytes) above 0, not %q.", c.named("max-image-mb"), s.get("max-image-mb"))}
	}
	if d := s.get("dir"); d != "" {
		if c.Dir, err = filepath.Abs(expandHome(d, getenv)); err != nil {
			return c, usageError{fmt.Sprintf("%s %q cannot be used: %v.", c.named("dir"), d, err)}
		}
	}
	if v := s.get("rtl"); v != "" {
		if c.RTL, err = arabic.ParseMode(v); err != nil {
			return c, usageError{fmt.Sprintf("%s must be terminal, app or off, not %q.", c.named("rtl"), v)}
		}
	} else {
		c.RTL = arabic.GuessMode(getenv)
	}
	if c.Operator, err = operator(s.get("operator"), c.named("operator"), getenv); err != nil {
		return c, err
	}
	c.Host = hostName()
	if c.ReceiptDir != "" {
		// Checked before anything is sent: an approval whose receipt cannot be kept must not
		// happen, whichever front end is asked.
		if err := receipt.Writable(c.ReceiptDir); err != nil {
			return c, usageError{fmt.Sprintf("The receipt folder %s (%s) cannot be written (%v): give a folder you can write to, or leave %s out to keep no receipts.",
				c.ReceiptDir, c.named("receipt"), pathReason(err), c.named("receipt"))}
		}
	}
	if c.APIURL != "" && c.Token == "" && (c.TenantID == "" || c.TenantSecret == "") {
		return c, usageError{fmt.Sprintf("With %s, give either the tenant (--tenant-id and PASSPORT_TENANT_SECRET) or a ready session token (PASSPORT_TOKEN or --token-file).", c.named("api-url"))}
	}
	return c, nil
}

// maxOperatorLength bounds a name typed into --operator: a person's login or name, not a sentence.
const maxOperatorLength = 64

// operator is the name given (by setting), else the OS login name, else the login in $USER,
// $LOGNAME or $USERNAME, else "unknown": a receipt always says who served the customer. A given
// name with control characters is refused; one from the system is cleaned of them.
func operator(given, setting string, getenv func(string) string) (string, error) {
	if given != "" {
		if fullname.Clean(given) != given || len([]rune(given)) > maxOperatorLength {
			return "", usageError{fmt.Sprintf("%s must be a name of at most %d characters without control characters, not %q.", setting, maxOperatorLength, given)}
		}
		return given, nil
	}
	for _, name := range []string{osLogin(), getenv("USER"), getenv("LOGNAME"), getenv("USERNAME")} {
		if name = strings.TrimSpace(fullname.Clean(name)); name != "" {
			return name, nil
		}
	}
	return "unknown", nil
}

// The operator's login and the workstation's name come from the system; tests replace these.
var (
	osLogin = func() string {
		if u, err := user.Current(); err == nil {
			return u.Username
		}
		return ""
	}
	osHostname = os.Hostname
)

// hostName is the workstation's name as receipts and the log record it, "unknown" when the
// system does not say.
func hostName() string {
	if h, err := osHostname(); err == nil {
		if h = strings.TrimSpace(fullname.Clean(h)); h != "" {
			return h
		}
	}
	return "unknown"
}

// maxImageBytes is the limit in bytes. A megabyte is 1,000,000 bytes, the unit every screen and
// sentence shows sizes in (imagecheck.HumanBytes), so "--max-image-mb 10" is refused as "the limit is
// 10 MB", not as a 10 MiB limit that reads "10.5 MB".
func (c config) maxImageBytes() int64 { return int64(c.MaxImageMB) * 1_000_000 }

// secretFrom is the secret in file (named by setting) when one is given, else env's.
func secretFrom(env, file, what, setting string) (string, error) {
	if file == "" {
		return strings.TrimSpace(env), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", usageError{fmt.Sprintf("The %s file %s (%s) cannot be read (%v).", what, file, setting, pathReason(err))}
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", usageError{fmt.Sprintf("The %s file %s (%s) is empty.", what, file, setting)}
	}
	return v, nil
}

// pathReason is what went wrong with a file, without the operation and path the sentence
// already names ("permission denied", "no such file or directory").
func pathReason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// parseDuration reads v, set by setting ("--timeout" or "PASSPORT_TIMEOUT"): a Go duration, or
// a whole number of seconds.
func parseDuration(setting, v string) (time.Duration, error) {
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, usageError{fmt.Sprintf("%s must be a duration such as 20s or 2m, not %q.", setting, v)}
	}
	return d, nil
}

func expandHome(p string, getenv func(string) string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}
