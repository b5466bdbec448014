package sandbox

import (
	"crypto/sha256"
	"embed"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"example.com/passport-update/api/sandbox/internal/persona"
)

// The specimen images are drawn by internal/gen (go generate) and committed; the binary
// carries them so `go run .` has passports to pick with no setup.
//
//go:embed specimens/*.jpg specimens/*.png
var specimenFS embed.FS

// Specimen is one embedded synthetic passport image.
type Specimen struct {
	Name string // file name, e.g. "passport-amina-specimen.jpg"
	Data []byte
}

// Specimens returns the embedded images in the index page's order.
func Specimens() []Specimen {
	out := make([]Specimen, 0, len(persona.Catalogue))
	for _, f := range persona.Catalogue {
		data, err := specimenFS.ReadFile("specimens/" + f.Name)
		if err != nil {
			// The catalogue and the embedded files are generated together.
			panic(fmt.Sprintf("sandbox: specimen %s is not embedded; run go generate ./api/sandbox", f.Name))
		}
		out = append(out, Specimen{Name: f.Name, Data: data})
	}
	return out
}

// WriteSpecimens writes every specimen into dir and returns their paths.
func WriteSpecimens(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write specimens: %w", err)
	}
	var paths []string
	for _, f := range persona.Catalogue {
		p := filepath.Join(dir, f.Name)
		if err := writeSpecimen(p, "specimens/"+f.Name); err != nil {
			return paths, fmt.Errorf("write specimens: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// writeSpecimen copies one embedded image to path through a small buffer: the 1.7 MB of
// specimens are never copied into the heap to be written.
func writeSpecimen(path, name string) error {
	src, err := specimenFS.Open(name)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.CopyBuffer(dst, src.(io.Reader), make([]byte, 32<<10)); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

var specimenIndex = sync.OnceValue(func() map[[sha256.Size]byte]persona.Persona {
	m := map[[sha256.Size]byte]persona.Persona{}
	for i, sp := range Specimens() {
		m[sha256.Sum256(sp.Data)] = persona.Catalogue[i].Persona
	}
	return m
})

// specimenPersona is the persona drawn on the specimen with this hash, if it is one.
func specimenPersona(sum [sha256.Size]byte) (persona.Persona, bool) {
	p, ok := specimenIndex()[sum]
	return p, ok
}

// serveSpecimen serves /specimens/<name> for download.
func (s *Server) serveSpecimen(w http.ResponseWriter, r *http.Request) {
	name := path.Base(r.URL.Path)
	for _, f := range persona.Catalogue {
		if !strings.EqualFold(f.Name, name) {
			continue
		}
		data, err := specimenFS.ReadFile("specimens/" + f.Name)
		if err != nil {
			break
		}
		ct := "image/jpeg"
		if f.Format == "png" {
			ct = "image/png"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", `inline; filename="`+f.Name+`"`)
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		if r.Method != http.MethodHead {
			_, _ = w.Write(data)
		}
		return
	}
	http.NotFound(w, r)
}
