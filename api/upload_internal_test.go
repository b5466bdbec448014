package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"testing"
	"testing/iotest"
)

// TestUploadBodyIsExactlyItsJSONWhateverTheReadSizes reads the body in 1-, 2-, 3-, 5-byte and
// odd-sized pieces and checks every byte and the announced length.
func TestUploadBodyIsExactlyItsJSONWhateverTheReadSizes(t *testing.T) {
	for _, size := range []int{0, 1, 2, 3, 4, 5, 100, uploadRawChunk - 1, uploadRawChunk, uploadRawChunk + 1, 2*uploadRawChunk + 2} {
		img := make([]byte, size)
		for i := range img {
			img[i] = byte(i*7 + i/255)
		}
		want, _ := json.Marshal(map[string]string{"customerId": "CUS-77", "image": base64.StdEncoding.EncodeToString(img)})
		newBody := func() *uploadBody {
			return newUploadBody(UploadRequest{CustomerID: "CUS-77", Image: bytes.NewReader(img), Size: int64(size)})
		}
		if got := newBody().length; got != int64(len(want)) {
			t.Errorf("size %d: length %d, want %d", size, got, len(want))
		}
		if size <= 100 {
			if err := iotest.TestReader(newBody(), want); err != nil {
				t.Errorf("size %d: %v", size, err)
			}
		}
		for _, wrap := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader, func(r io.Reader) io.Reader { return r }} {
			var got bytes.Buffer
			buf := make([]byte, 7)
			r := wrap(newBody())
			for {
				n, err := r.Read(buf)
				got.Write(buf[:n])
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("size %d: %v", size, err)
				}
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("size %d: body differs (%d bytes, want %d)", size, got.Len(), len(want))
			}
		}
	}
}
