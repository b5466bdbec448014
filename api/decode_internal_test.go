package api

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestParseDateReadsEveryFormAsTheCalendarDateWritten(t *testing.T) {
	rows := []struct {
		in   string
		want string // "" = not a date
	}{
		{"2025-11-06T03:46:44.418Z", "2025-11-06"},
		{"1991-07-23T00:00:00", "1991-07-23"},
		{"1991-07-23T00:00:00.1234567", "1991-07-23"},
		{"1991-07-23T00:00:00.1", "1991-07-23"},
		{"1991-07-23T23:59:59.9999999-05:00", "1991-07-23"},
		{"1991-07-23T00:30:00+03:00", "1991-07-23"},
		{"1991-07-23T00:30:00+0300", "1991-07-23"},
		{"1991-07-23T00:30", "1991-07-23"},
		{"1991-07-23 00:00:00", "1991-07-23"},
		{"1991-07-23", "1991-07-23"},
		{" 2024-02-29 ", "2024-02-29"},
		{"2023-02-29", ""},
		{"1991-13-01", ""},
		{"1991-07-23Tgarbage", ""},
		{"1991-07-23T00:00:00.12345678901", ""},
		{"23/07/1991", ""},
		{"", ""},
		{"null", ""},
		{"0000-01-01", ""},
	}
	for _, row := range rows {
		t.Run(row.in, func(t *testing.T) {
			d, ok := ParseDate(row.in)
			if ok != (row.want != "") || d.String() != row.want {
				t.Errorf("ParseDate(%q) = %v %v, want %q", row.in, d, ok, row.want)
			}
		})
	}
}

func TestCleanTextRemovesEverythingThatCouldDriveATerminal(t *testing.T) {
	rows := []struct{ name, in, want string }{
		{"colour codes", "\x1b[31mExpired\x1b[0m token", "Expired token"},
		{"window title (OSC with BEL)", "\x1b]0;pwned\x07Hello", "Hello"},
		{"OSC 8 hyperlink with ST", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"C1 CSI", "A\u009b2JB", "AB"},
		{"bidi override", "\u202eSECRET\u202c name", "SECRET name"},
		{"newlines and tabs collapse", "line one\r\n\tline two", "line one line two"},
		{"invalid UTF-8", "ok\xffok", "ok\uFFFDok"},
		{"Arabic with harakat kept", "مُحَمَّد\u200f عَلِي", "مُحَمَّد عَلِي"},
		{"bell and backspace", "a\a\bb", "ab"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			if got := cleanText(row.in, 0); got != row.want {
				t.Errorf("cleanText(%q) = %q, want %q", row.in, got, row.want)
			}
		})
	}
	if got := cleanMultiline("P<UTO\r\nL898\n\x1b[2J", 0); got != "P<UTO\nL898" {
		t.Errorf("cleanMultiline kept %q", got)
	}
	if got := cleanText(strings.Repeat("ب", 50), 10); got != strings.Repeat("ب", 9)+"…" {
		t.Errorf("cut %q", got)
	}
}

func TestRedactorCatchesEverySpellingOfASecret(t *testing.T) {
	const pw = "Pässwört-٣٤٥!<&>"
	red := newRedactor(pw, "abc", "")
	rows := []struct{ name, in string }{
		{"raw", "you sent " + pw},
		{"Go JSON", `{"password":"` + jsonInner(pw, true) + `"}`},
		{".NET JSON", `{"password":"P\u00E4ssw\u00F6rt-\u0663\u0664\u0665!\u003C\u0026\u003E"}`},
		{".NET JSON lower hex", `{"password":"P\u00e4ssw\u00f6rt-\u0663\u0664\u0665!\u003c\u0026\u003e"}`},
		{"query-escaped", "password=P%C3%A4ssw%C3%B6rt-%D9%A3%D9%A4%D9%A5%21%3C%26%3E"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			got := red.apply(row.in)
			if !strings.Contains(got, "[redacted]") || strings.Contains(got, "rt-") {
				t.Errorf("apply(%q) = %q", row.in, got)
			}
		})
	}
	if got := red.apply("abc is short, kept"); got != "abc is short, kept" {
		t.Errorf("short secret searched for: %q", got)
	}
}

func TestParseRetryAfterReadsSecondsAndHTTPDates(t *testing.T) {
	now := time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)
	rows := []struct {
		in   string
		want time.Duration
	}{
		{"120", 2 * time.Minute},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"-5", 0},
		{"soon", 0},
		{"", 0},
		{"99999999", 24 * time.Hour},
	}
	for _, row := range rows {
		if got := parseRetryAfter(row.in, now); got != row.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", row.in, got, row.want)
		}
	}
}

// noControl reports the first character a terminal would act on, or -1.
func noControl(s string) rune {
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return r
		}
	}
	return -1
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-11-06T03:46:44.418Z", "1991-07-23T00:00:00", "1991-07-23T00:00:00.1234567+03:00", "1991-07-23", "", "2024-02-29 10:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			if !d.IsZero() {
				t.Fatalf("ParseDate(%q) failed but returned %v", s, d)
			}
			return
		}
		if d.Time().Year() != d.Year || d.Time().Month() != d.Month || d.Time().Day() != d.Day {
			t.Fatalf("ParseDate(%q) = impossible date %+v", s, d)
		}
		if again, ok := ParseDate(d.String()); !ok || again != d {
			t.Fatalf("%q → %v does not round-trip", s, d)
		}
	})
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"\x1b[31mred", "\x1b]0;t\x07x", "\u202eabc", "ok\xff", "a\r\nb", "\x1b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{cleanText(s, 0), cleanMultiline(s, 0), cleanText(s, 7)} {
			if r := noControl(out); r >= 0 || strings.ContainsRune(out, 0x1b) {
				t.Fatalf("clean(%q) = %q keeps %U", s, out, r)
			}
		}
		if once := cleanText(s, 0); cleanText(once, 0) != once {
			t.Fatalf("cleanText not idempotent on %q", s)
		}
	})
}

// FuzzDecodeAnswers feeds one body to every call's decoder and to the error reader: none may
// panic, every failure has a kind and a sentence, and nothing decoded carries a control
// character.
func FuzzDecodeAnswers(f *testing.F) {
	for _, s := range []string{
		`{"isSuccess":true,"passportData":{"fullNameAr":"أحمد","birthdate":"1991-07-23T00:00:00","detectedAge":"34"}}`,
		`{"isSuccess":true,"customerData":{"detectedAge":35,"documentTypeId":3},"passportData":{"visualZone":"P<UTO\nL89"}}`,
		`{"token":"t","expirationDate":"2025-11-06T03:46:44.418Z"}`,
		`[{"updateStepId":2,"lastUpdatedDate":null}]`, `{"value":[{"updateStepId":"Passport"}]}`,
		`{"value":1}`, `{"value":{"id":2,"nameEn":"Email"}}`, `{"value":true}`, `{"status":1,"message":"no"}`,
		`{"title":"x","errors":{"FullNameAr":["required"]}}`, `{"errors":[{"propertyName":"a","errorMessage":"b"}]}`,
		`<html>502</html>`, ``, `{"status":0,"tok`, `"str"`, `12`,
	} {
		f.Add([]byte(s), 400)
	}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		checkErr := func(e *Error) {
			if e == nil {
				return
			}
			e.Call = "Fuzz"
			if e.Kind == KindUnknown {
				t.Fatalf("failure without a kind for %q", body)
			}
			if s := e.Sentence(); s == "" || noControl(s) >= 0 {
				t.Fatalf("bad sentence %q for %q", s, body)
			}
			_ = e.Error()
		}
		checkData := func(p PassportData) {
			for _, s := range []string{p.FullNameAr, p.FullNameEn, p.FullName, p.DocumentNumber, p.Nationality, p.VisualZone, p.Gender, p.Photo} {
				if r := noControl(s); r >= 0 {
					t.Fatalf("decoded field %q keeps %U", s, r)
				}
			}
		}
		_, e := decodeSession(body)
		checkErr(e)
		_, e = decodeSteps(body)
		checkErr(e)
		_, e = decodeStatus(body)
		checkErr(e)
		_, e = decodeInitialize(body)
		checkErr(e)
		m, e := decodeMethod(body)
		checkErr(e)
		if r := noControl(m.NameEn + m.NameAr); r >= 0 {
			t.Fatalf("method name keeps %U", r)
		}
		res, e := decodeUpload(body)
		checkErr(e)
		checkData(res.Data)
		_, e = decodeTranslation(body)
		checkErr(e)
		if status < 300 || status > 599 {
			status = 400 + (status&0xff)%200
		}
		se := statusError(answer{status: status, header: http.Header{}, body: body})
		se.StatusCode = status
		checkErr(se)
		for f, msgs := range se.FieldErrors {
			if noControl(f+strings.Join(msgs, "")) >= 0 {
				t.Fatalf("field errors keep control characters: %q", se.FieldErrors)
			}
		}
	})
}
