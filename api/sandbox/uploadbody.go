package sandbox

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// uploadBody is what the sandbox reads from an upload request: {customerId?, image}.
type uploadBody struct {
	customerID *string
	hasImage   bool
	image      []byte // decoded; empty when the string is not standard base64
	sum        [sha256.Size]byte
	// badBase64 is set when the image string is not valid standard base64.
	badBase64 bool
}

// errBodySyntax marks a body that is not the JSON object the call expects.
var errBodySyntax = errors.New("the request body is not a valid JSON object")

// readUploadBody reads the whole body (the caller caps its size) and decodes the image. Key
// case does not matter, as for ASP.NET; base64 wrapped in lines (\r\n) is read as the SDK's
// servers read it.
func readUploadBody(r io.Reader) (uploadBody, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return uploadBody{}, err
	}
	var req struct {
		CustomerID *string `json:"customerId"`
		Image      *string `json:"image"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return uploadBody{}, fmt.Errorf("%w: %v", errBodySyntax, err)
	}
	out := uploadBody{customerID: req.CustomerID, hasImage: req.Image != nil}
	if req.Image == nil {
		return out, nil
	}
	img, err := base64.StdEncoding.DecodeString(*req.Image)
	if err != nil {
		out.badBase64 = true
		return out, nil
	}
	out.image, out.sum = img, sha256.Sum256(img)
	return out, nil
}
