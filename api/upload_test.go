package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"example.com/passport-update/api"
)

// specimenJPEG draws a side×side passport-ish picture (a gradient, a face-shaped disc and some
// noise so it does not compress to nothing) and encodes it as a real JPEG.
func specimenJPEG(tb testing.TB, side int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	rng := rand.New(rand.NewPCG(uint64(side), 7))
	cx, cy, r := side/3, side/2, side/5
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			c := color.RGBA{uint8(200 + x*40/side), uint8(210 + y*30/side), 230, 255}
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) < r*r {
				c = color.RGBA{190, 150, 120, 255}
			}
			n := uint8(rng.IntN(24))
			c.R, c.G, c.B = c.R-n, c.G-n, c.B-n
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil && tb != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// uploadSink checks what arrived: Content-Length, valid JSON, the image's base64.
type uploadSink struct {
	mu       sync.Mutex
	declared int64
	got      int
	fields   map[string]json.RawMessage
	image    []byte
	err      error
}

func (s *uploadSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.declared, s.got, s.err = r.ContentLength, len(body), err
	if err == nil {
		s.err = json.Unmarshal(body, &s.fields)
	}
	if s.err == nil {
		var b64 string
		if s.err = json.Unmarshal(s.fields["image"], &b64); s.err == nil {
			s.image, s.err = base64.StdEncoding.DecodeString(b64)
		}
	}
	answerWith(200, `{"isSuccess":true,"message":"Success","passportData":{"documentNumber":"L898902C3"}}`)(w, r)
}

func TestUploadStreamsExactlyTheJSONBodyWithTheImageAsBase64(t *testing.T) {
	photo := specimenJPEG(t, 320)
	rows := []struct {
		name       string
		image      []byte
		customerID string
		wantKeys   string
	}{
		{"a real JPEG with a customer ID", photo, `CUS-"0042"`, "customerId,image"},
		{"a real JPEG without a customer ID", photo, "", "image"},
		{"one byte (two padding characters)", []byte{0xff}, "", "image"},
		{"two bytes (one padding character)", []byte{0xff, 0xd8}, "", "image"},
		{"exactly one chunk", bytes.Repeat([]byte{0xd8}, 3<<14), "", "image"},
		{"one byte over a chunk", bytes.Repeat([]byte{0xd9}, 3<<14+1), "", "image"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "passport.jpg")
			if err := os.WriteFile(file, row.image, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sink := &uploadSink{}
			c, _ := newServer(t, sink)
			res, err := c.UploadPassportImage(ctx(t), api.UploadRequest{CustomerID: row.customerID, Image: f, Size: int64(len(row.image))})
			if err != nil {
				t.Fatal(err)
			}
			if res.Data.DocumentNumber != "L898902C3" {
				t.Errorf("result %+v", res)
			}
			sink.mu.Lock()
			defer sink.mu.Unlock()
			if sink.err != nil {
				t.Fatalf("server could not read the body: %v", sink.err)
			}
			if sink.declared != int64(sink.got) {
				t.Errorf("Content-Length %d, body %d bytes", sink.declared, sink.got)
			}
			var keys []string
			for k := range sink.fields {
				keys = append(keys, k)
			}
			if len(keys) != len(strings.Split(row.wantKeys, ",")) {
				t.Errorf("keys %v, want %s", keys, row.wantKeys)
			}
			if row.customerID != "" {
				var id string
				_ = json.Unmarshal(sink.fields["customerId"], &id)
				if id != row.customerID {
					t.Errorf("customerId %q", id)
				}
			}
			if !bytes.Equal(sink.image, row.image) {
				t.Errorf("image differs: got %d bytes, want %d", len(sink.image), len(row.image))
			}
		})
	}
}

func TestUploadReportsProgressUpToTheWholeSize(t *testing.T) {
	img := specimenJPEG(t, 900)
	c, _ := newServer(t, &uploadSink{})
	var calls [][2]int64
	_, err := c.UploadPassportImage(ctx(t), api.UploadRequest{
		Image: bytes.NewReader(img), Size: int64(len(img)),
		Progress: func(sent, total int64) { calls = append(calls, [2]int64{sent, total}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) < 3 {
		t.Fatalf("progress called %d times for %d bytes: %v", len(calls), len(img), calls)
	}
	if calls[0][0] != 0 {
		t.Errorf("first report %v, want 0", calls[0])
	}
	last := calls[len(calls)-1]
	if last != [2]int64{int64(len(img)), int64(len(img))} {
		t.Errorf("last report %v, want the whole %d", last, len(img))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Errorf("progress went backwards: %v", calls)
		}
	}
	if len(calls) > 110 {
		t.Errorf("progress not throttled: %d calls", len(calls))
	}
}

// failingReader yields its data then an error (a file on a USB stick pulled out).
type failingReader struct {
	r   io.Reader
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

func TestUploadRefusesAnImageWhoseLengthIsNotItsSize(t *testing.T) {
	img := specimenJPEG(t, 200)
	rows := []struct {
		name   string
		reader io.Reader
		size   int64
		says   string
	}{
		{"shorter than Size (file truncated since it was chosen)", bytes.NewReader(img[:len(img)/2]), int64(len(img)), "changed"},
		{"longer than Size (file grew)", bytes.NewReader(img), int64(len(img) - 10), "changed"},
		{"read error part-way", &failingReader{bytes.NewReader(img[:1000]), os.ErrClosed}, int64(len(img)), "could not be read"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var complete int
			var mu sync.Mutex
			c, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if _, err := io.ReadAll(r.Body); err == nil {
					mu.Lock()
					complete++
					mu.Unlock()
				}
				answerWith(200, `{"isSuccess":true,"passportData":{}}`)(w, r)
			}))
			_, err := c.UploadPassportImage(ctx(t), api.UploadRequest{Image: row.reader, Size: row.size})
			e := asAPIError(t, err, "UploadPassportImage")
			if e.Kind != api.KindRefused {
				t.Errorf("Kind %v (%v)", e.Kind, e)
			}
			checkSentence(t, e, row.says)
			mu.Lock()
			defer mu.Unlock()
			if complete != 0 {
				t.Errorf("the server received %d complete bodies", complete)
			}
		})
	}
}

func age(n int) *int { return &n }

func TestUploadDecodesEveryAnswerShape(t *testing.T) {
	const mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
	rows := []struct {
		name   string
		answer string
		want   api.PassportData
		msg    string
	}{
		{"SDK passportData", `{"isSuccess":true,"message":"Success","passportData":{"customerId":"CUS-9912","firstNameEn":"ANNA MARIA","familyNameEn":"ERIKSSON","fullNameEn":"ANNA MARIA ERIKSSON","fullNameAr":"آنا ماريا إريكسون","firstNameAr":"آنا ماريا","familyNameAr":"إريكسون","birthdate":"1974-08-12T00:00:00","expirationDate":"2012-04-15T00:00:00.0000000","gender":"F","documentNumber":"L898902C3","documentCode":"P","issuingAuthority":"UTO","nationality":"UTO","visualZone":"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\nL898902C36UTO7408122F1204159ZE184226B<<<<<10","photo":"/9j/4AAQSkZJRg=="}}`,
			api.PassportData{Source: "passportData", CustomerID: "CUS-9912", FirstNameEn: "ANNA MARIA", FamilyNameEn: "ERIKSSON", FullNameEn: "ANNA MARIA ERIKSSON",
				FullNameAr: "آنا ماريا إريكسون", FirstNameAr: "آنا ماريا", FamilyNameAr: "إريكسون", Birthdate: api.Date{Year: 1974, Month: 8, Day: 12},
				ExpirationDate: api.Date{Year: 2012, Month: 4, Day: 15}, Gender: "F", DocumentNumber: "L898902C3", DocumentCode: "P", IssuingAuthority: "UTO",
				Nationality: "UTO", VisualZone: mrz, Photo: "/9j/4AAQSkZJRg=="}, "Success"},
		{"docs customerData with national-ID fields", `{"isSuccess":true,"message":"Done","customerData":{"customerId":"77","idFrontScan":"front.jpg","idBackScan":"back.jpg","photo":null,"fullName":"محمد أحمد علي","fullNameEn":"Mohamed Ahmed Ali","firstName":"محمد","firstNameEn":"Mohamed","familyName":"علي","familyNameEn":"Ali","address":"١٢ شارع النيل","state":"Giza","birthdate":"1990-01-31","idNumber":"29001310101234","idNumberBack":"29001310101234","documentNumber":"A1234567","documentTypeId":3,"documentTypeCode":"PP","issueDate":"2020-05-01T09:30:00+02:00","profession":"Engineer","maritalStatus":"Married","religion":null,"gender":"M","nationality":"EGY","detectedAge":35,"detectedGender":"Male","expirationDate":"2030-04-30T23:59:59.9999999Z"}}`,
			api.PassportData{Source: "customerData", CustomerID: "77", IDFrontScan: "front.jpg", IDBackScan: "back.jpg", FullName: "محمد أحمد علي", FullNameEn: "Mohamed Ahmed Ali",
				FirstName: "محمد", FirstNameEn: "Mohamed", FamilyName: "علي", FamilyNameEn: "Ali", Address: "١٢ شارع النيل", State: "Giza",
				Birthdate: api.Date{Year: 1990, Month: 1, Day: 31}, IDNumber: "29001310101234", IDNumberBack: "29001310101234", DocumentNumber: "A1234567",
				DocumentTypeID: "3", DocumentTypeCode: "PP", IssueDate: api.Date{Year: 2020, Month: 5, Day: 1}, Profession: "Engineer", MaritalStatus: "Married",
				Gender: "M", Nationality: "EGY", DetectedAge: age(35), DetectedGender: "Male", ExpirationDate: api.Date{Year: 2030, Month: 4, Day: 30}}, "Done"},
		{"both keys: passportData wins, customerData fills the gaps", `{"isSuccess":true,"customerData":{"fullNameEn":"WRONG NAME","detectedAge":"41","address":"Riyadh"},"passportData":{"fullNameEn":"ANNA MARIA ERIKSSON","documentNumber":"L898902C3","detectedAge":null}}`,
			api.PassportData{Source: "passportData", FullNameEn: "ANNA MARIA ERIKSSON", DocumentNumber: "L898902C3", Address: "Riyadh", DetectedAge: age(41)}, ""},
		{"detectedAge as a string", `{"isSuccess":true,"passportData":{"detectedAge":" 29 "}}`, api.PassportData{Source: "passportData", DetectedAge: age(29)}, ""},
		{"detectedAge as 33.0", `{"isSuccess":true,"passportData":{"detectedAge":33.0}}`, api.PassportData{Source: "passportData", DetectedAge: age(33)}, ""},
		{"detectedAge empty string", `{"isSuccess":true,"passportData":{"detectedAge":""}}`, api.PassportData{Source: "passportData"}, ""},
		{"detectedAge garbage", `{"isSuccess":true,"passportData":{"detectedAge":"about thirty"}}`, api.PassportData{Source: "passportData"}, ""},
		{"wrong JSON types keep the rest", `{"isSuccess":"true","passportData":{"documentNumber":123456789,"gender":{"code":"M"},"firstNameEn":["ANNA"],"birthdate":19740812,"nationality":"UTO"}}`,
			api.PassportData{Source: "passportData", DocumentNumber: "123456789", Nationality: "UTO"}, ""},
		{"every date form", `{"isSuccess":true,"passportData":{"birthdate":"1991-07-23T00:00:00","expirationDate":"2031-03-14T00:00:00.1234567+03:00","issueDate":"2021-03-15"}}`,
			api.PassportData{Source: "passportData", Birthdate: api.Date{Year: 1991, Month: 7, Day: 23}, ExpirationDate: api.Date{Year: 2031, Month: 3, Day: 14}, IssueDate: api.Date{Year: 2021, Month: 3, Day: 15}}, ""},
		{"date written late in the day with a zone stays that day", `{"isSuccess":true,"passportData":{"birthdate":"1991-07-23T23:30:00-05:00","expirationDate":"","issueDate":null}}`,
			api.PassportData{Source: "passportData", Birthdate: api.Date{Year: 1991, Month: 7, Day: 23}}, ""},
		{"unknown fields and PascalCase", `{"IsSuccess":true,"Message":"OK","Confidence":0.93,"PassportData":{"FullNameEn":"ANNA MARIA ERIKSSON","Score":{"x":1}}}`,
			api.PassportData{Source: "passportData", FullNameEn: "ANNA MARIA ERIKSSON"}, "OK"},
		{"terminal escapes in OCR fields are removed", `{"isSuccess":true,"passportData":{"fullNameEn":"ANNA\u001b[2J\u001b]0;pwned\u0007 MARIA","nationality":"\u202eUTO"}}`,
			api.PassportData{Source: "passportData", FullNameEn: "ANNA MARIA", Nationality: "UTO"}, ""},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			c, _ := newServer(t, answerWith(200, row.answer))
			img := specimenJPEG(t, 48)
			res, err := c.UploadPassportImage(ctx(t), api.UploadRequest{Image: bytes.NewReader(img), Size: int64(len(img))})
			if err != nil {
				t.Fatal(err)
			}
			if res.Message != row.msg {
				t.Errorf("message %q, want %q", res.Message, row.msg)
			}
			got, want := res.Data, row.want
			if (got.DetectedAge == nil) != (want.DetectedAge == nil) || (got.DetectedAge != nil && *got.DetectedAge != *want.DetectedAge) {
				t.Errorf("DetectedAge %v, want %v", fmtAge(got.DetectedAge), fmtAge(want.DetectedAge))
			}
			got.DetectedAge, want.DetectedAge = nil, nil
			if got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
	failures := []struct {
		name, answer string
		kind         api.Kind
		says         string
	}{
		{"isSuccess false without a message", `{"isSuccess":false,"message":null,"passportData":null}`, api.KindFailed, "could not read a passport"},
		{"isSuccess false with the server's reason", `{"isSuccess":false,"message":"MRZ not detected","errorCode":"OCR_002"}`, api.KindFailed, "MRZ not detected."},
		{"no data under either key", `{"isSuccess":true,"message":"Success"}`, api.KindBadAnswer, "passport data"},
		{"both keys null", `{"isSuccess":true,"passportData":null,"customerData":null}`, api.KindBadAnswer, "passport data"},
	}
	for _, row := range failures {
		t.Run(row.name, func(t *testing.T) {
			c, _ := newServer(t, answerWith(200, row.answer))
			img := specimenJPEG(t, 48)
			_, err := c.UploadPassportImage(ctx(t), api.UploadRequest{Image: bytes.NewReader(img), Size: int64(len(img))})
			e := asAPIError(t, err, "UploadPassportImage")
			if e.Kind != row.kind {
				t.Errorf("Kind %v, want %v", e.Kind, row.kind)
			}
			checkSentence(t, e, row.says)
		})
	}
}

func fmtAge(a *int) string {
	if a == nil {
		return "nil"
	}
	return strconv.Itoa(*a)
}

func TestUploadStreamsOverHTTP2WithTLS(t *testing.T) {
	img := specimenJPEG(t, 400)
	sink := &uploadSink{}
	var proto string
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proto = r.Proto
		sink.ServeHTTP(w, r)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	c, err := api.New(srv.URL, api.WithHTTPClient(srv.Client()), api.WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UploadPassportImage(ctx(t), api.UploadRequest{CustomerID: "CUS-9912", Image: bytes.NewReader(img), Size: int64(len(img))}); err != nil {
		t.Fatal(err)
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if proto != "HTTP/2.0" || sink.err != nil || !bytes.Equal(sink.image, img) || sink.declared != int64(sink.got) {
		t.Errorf("proto %s, err %v, image equal %v, Content-Length %d for %d bytes", proto, sink.err, bytes.Equal(sink.image, img), sink.declared, sink.got)
	}
}
