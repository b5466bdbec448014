package sandbox

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func TestUploadBodyIsReadInTheShapesClientsSend(t *testing.T) {
	img := specimen(t, "passport-omar-tiny-specimen.jpg")
	b64 := base64.StdEncoding.EncodeToString(img)
	// .NET's encoder writes '+' as \u002B and some encoders escape '/'.
	dotnet := strings.NewReplacer("+", `\u002B`, "/", `\/`).Replace(b64)
	// MIME-style base64 wraps lines; the JSON string then holds \r\n escapes.
	var wrapped strings.Builder
	for i := 0; i < len(b64); i += 76 {
		wrapped.WriteString(b64[i:min(i+76, len(b64))])
		wrapped.WriteString(`\r\n`)
	}
	tests := []struct {
		name     string
		body     string
		customer string
	}{
		{"the documented body", `{"customerId":"C-17","image":"` + b64 + `"}`, "C-17"},
		{"image first, no customer", `{"image":"` + b64 + `"}`, ""},
		{".NET escapes", `{"image":"` + dotnet + `","customerId":null}`, ""},
		{"wrapped base64", `{"image":"` + wrapped.String() + `"}`, ""},
		{"key case and white space", " {\n \"Image\" : \"" + b64 + "\" , \"CustomerId\":\"\\u0643-1\"}\n", "ك-1"},
		{"unknown fields of every kind", `{"x":{"a":[1,2,{"b":"}]"}]},"n":-1.5e3,"t":true,"f":false,"z":null,"s":"\"","image":"` + b64 + `"}`, ""},
	}
	want := sha256.Sum256(img)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readUploadBody(strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if got.badBase64 || got.sum != want || len(got.image) != len(img) {
				t.Fatalf("image hash/size %x/%d (bad base64 %v), want %x/%d", got.sum[:4], len(got.image), got.badBase64, want[:4], len(img))
			}
			if tt.customer == "" && got.customerID != nil || tt.customer != "" && (got.customerID == nil || *got.customerID != tt.customer) {
				t.Fatalf("customerId %v, want %q", got.customerID, tt.customer)
			}
		})
	}
}

func TestUploadBodyRejectsBrokenJSON(t *testing.T) {
	for _, body := range []string{``, `[]`, `{"image":"abc"`, `{"image":"abc"} trailing`, `{"image" "abc"}`, `{"a":1 "b":2}`, "{\"image\":\"ab\x01c\"}", `{"image":"\q"}`} {
		if _, err := readUploadBody(strings.NewReader(body)); err == nil {
			t.Errorf("%q parsed without error", body)
		} else if !errors.Is(err, errBodySyntax) {
			t.Errorf("%q: %v is not a syntax error", body, err)
		}
	}
}
