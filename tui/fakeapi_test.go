package tui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/tui/picker"
)

// The secrets every flow test checks never reach the screen.
const (
	testToken        = "tok-7f3a9c-SECRET-session"
	testTenantSecret = "tenant-s3cret-XYZ-987"
	testPassword     = "Pa55-w0rd!Kh"
)

// fakeAPI speaks the vendor's wire format with literal JSON, the way a foreign server would:
// it never uses the api package's types. It counts every request per path.
type fakeAPI struct {
	mu sync.Mutex

	translation  bool
	fullNameAr   string // OCR's Arabic name ("" = none)
	expiry       string // OCR's expiry date as the server writes it
	address      string // OCR's address as JSON ("null" = none)
	profession   string // OCR's profession as JSON ("null" = none)
	wrongLeft    int    // wrong attempts allowed before the lock-out
	method       int    // verification method (1 = password)
	noPassport   bool   // GetCurrentRequestSteps lacks step 2
	ocrFail      string // non-empty: the upload answers isSuccess false with this message
	upload401    bool
	approveMode  string        // "", "400ar", "drop", "401"
	refusal      string        // the server's sentence about FullNameAr for "400ar" ("" = an English one)
	uploadGate   chan struct{} // when set, the upload waits on it before answering
	approveGate  chan struct{} // when set, Approve waits on it before answering
	approveSeen  chan struct{} // when set, gets a value as each Approve request arrives
	approveBody  []string
	counts       map[string]int
	expiredToken bool
}

func newFakeAPI() *fakeAPI {
	return &fakeAPI{translation: true, fullNameAr: "مُحَمَّد أحمد عبد الله", expiry: "2031-03-14T00:00:00.000Z",
		address: "null", profession: "null", wrongLeft: 3, method: 1, counts: map[string]int{}}
}

func (f *fakeAPI) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[path]
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.counts[r.URL.Path]++
	f.mu.Unlock()
	if r.URL.Path != "/api/v1/Auth/GenerateUpdateRequestSessionToken" {
		if r.Header.Get("Authorization") != "Bearer "+testToken || f.expiredToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	}
	body, _ := io.ReadAll(r.Body)
	switch r.URL.Path {
	case "/api/v1/Auth/GenerateUpdateRequestSessionToken":
		if !strings.Contains(string(body), testTenantSecret) {
			writeJSON(w, 401, `{"message":"Invalid tenant credentials","errorCode":"AUTH"}`)
			return
		}
		writeJSON(w, 200, `{"token":"`+testToken+`","expirationDate":"2026-11-26T10:00:00Z"}`)
	case "/api/v1/update/UpdateRequest/GetCurrentRequestSteps":
		if f.noPassport {
			writeJSON(w, 200, `[{"updateStepId":3,"lastUpdatedDate":null}]`)
			return
		}
		writeJSON(w, 200, `[{"updateStepId":2,"lastUpdatedDate":"2024-01-03T00:00:00"}]`)
	case "/api/v1/update/UpdateRequest/Initialize/2":
		writeJSON(w, 200, `{"status":0}`)
	case "/api/v1/update/UpdateRequest/GetUpdateVerificationMethod":
		writeJSON(w, 200, fmt.Sprintf(`{"value":%d}`, f.method))
	case "/api/v1/update/UpdateRequest/VerifyPassword":
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.wrongLeft <= 0 {
			writeJSON(w, 403, `{"message":"Too many wrong passwords: this update request is locked.","errorCode":"ACCOUNT_LOCKED"}`)
			return
		}
		if !strings.Contains(string(body), `"`+testPassword+`"`) {
			f.wrongLeft--
			if f.wrongLeft == 0 {
				writeJSON(w, 403, `{"message":"Too many wrong passwords: this update request is locked.","errorCode":"ACCOUNT_LOCKED"}`)
				return
			}
			writeJSON(w, 400, fmt.Sprintf(`{"message":"The password is incorrect. Attempts left: %d.","errorCode":"INVALID_PASSWORD"}`, f.wrongLeft))
			return
		}
		writeJSON(w, 200, `{"status":0}`)
	case "/api/v1/update/UpdatePassport/IsTranaslationStepEnabled":
		writeJSON(w, 200, fmt.Sprintf(`{"value":%t}`, f.translation))
	case "/api/v1/update/UpdatePassport/UploadPassportImage":
		if f.uploadGate != nil {
			select {
			case <-f.uploadGate:
			case <-r.Context().Done():
				return
			}
		}
		if f.upload401 {
			writeJSON(w, 401, `{"message":"Token expired"}`)
			return
		}
		if f.ocrFail != "" {
			writeJSON(w, 200, `{"isSuccess":false,"message":"`+f.ocrFail+`","errorCode":"OCR_FAILED"}`)
			return
		}
		ar := "null"
		if f.fullNameAr != "" {
			ar = `"` + f.fullNameAr + `"`
		}
		writeJSON(w, 200, `{"isSuccess":true,"message":"","passportData":{
			"customerId":null,"firstNameEn":"MOHAMED","familyNameEn":"ABDALLA","fullNameEn":"MOHAMED AHMED ABDALLA",
			"fullNameAr":`+ar+`,"firstNameAr":null,"familyNameAr":null,
			"birthdate":"1991-07-23T00:00:00","expirationDate":"`+f.expiry+`","gender":"M",
			"address":`+f.address+`,"profession":`+f.profession+`,
			"documentNumber":"A12345678","documentCode":"P","issuingAuthority":"EGY","nationality":"EGY",
			"visualZone":"P<EGYABDALLA<<MOHAMED<AHMED<<<<<<<<<<<<<<<<<\nA123456784EGY9107234M3103142<<<<<<<<<<<<<<00",
			"photo":"`+testPhotoBase64+`","detectedAge":35,"detectedGender":"M"}}`)
	case "/api/v1/update/UpdatePassport/Approve":
		f.mu.Lock()
		f.approveBody = append(f.approveBody, string(body))
		mode, gate, seen, refusal := f.approveMode, f.approveGate, f.approveSeen, f.refusal
		f.mu.Unlock()
		if refusal == "" {
			refusal = "The Arabic name must contain at least two names."
		}
		if seen != nil {
			seen <- struct{}{}
		}
		if gate != nil {
			<-gate
		}
		switch mode {
		case "400ar":
			writeJSON(w, 400, `{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"FullNameAr":["`+refusal+`"]}}`)
		case "401":
			w.WriteHeader(401)
		case "drop":
			hj, ok := w.(http.Hijacker)
			if !ok {
				panic("no hijacker")
			}
			c, _, _ := hj.Hijack()
			c.Close()
		default:
			writeJSON(w, 200, `{"status":0}`)
		}
	default:
		writeJSON(w, 404, `{"message":"not found"}`)
	}
}

// testPhotoBase64 is a small real PNG face crop (a flat skin tone with darker eyes).
var testPhotoBase64 = func() string {
	img := image.NewRGBA(image.Rect(0, 0, 30, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 30; x++ {
			c := color.RGBA{0xd8, 0xb0, 0x90, 0xff}
			if y > 12 && y < 16 && (x > 6 && x < 11 || x > 18 && x < 23) {
				c = color.RGBA{0x30, 0x20, 0x10, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}()

// scanJPEG is a real JPEG passport-page stand-in (photo box, MRZ-like stripes), made once.
var scanJPEG = sync.OnceValue(func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 900, 630))
	for y := 0; y < 630; y++ {
		for x := 0; x < 900; x++ {
			c := color.RGBA{uint8(200 + x%40), uint8(210 + y%30), 0xe0, 0xff}
			if x > 60 && x < 260 && y > 120 && y < 380 {
				c = color.RGBA{0x90, 0x80, 0x70, 0xff}
			}
			if y > 500 && (x/12)%2 == 0 {
				c = color.RGBA{0x20, 0x20, 0x20, 0xff}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// writeScan writes the scan into dir and returns it as the picker would.
func writeScan(t testing.TB, dir string) picker.ChosenFile {
	t.Helper()
	p := filepath.Join(dir, "specimen-passport.jpg")
	if err := os.WriteFile(p, scanJPEG(), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return picker.ChosenFile{Path: p, Size: st.Size(), ModTime: st.ModTime(), Format: "jpeg", Width: 900, Height: 630}
}

// testClock is a fixed clock the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *testClock {
	return &testClock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// startAPI mounts h on an httptest server and returns a client for it.
func startAPI(t testing.TB, h http.Handler, opts ...api.Option) *api.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts = append([]api.Option{api.WithTimeout(5 * time.Second), api.WithVerifyPath(api.VerifyDoc)}, opts...)
	c, err := api.New(srv.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// decodeApproveBody reads fullNameAr from an Approve body as the server would.
func decodeApproveBody(t testing.TB, body string) *string {
	t.Helper()
	var v struct {
		FullNameAr *string `json:"fullNameAr"`
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("approve body %q: %v", body, err)
	}
	return v.FullNameAr
}
