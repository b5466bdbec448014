package sandbox

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/passport-update/api/sandbox/internal/draw"
	"example.com/passport-update/api/sandbox/internal/persona"
)

// The committed images must show today's personas: otherwise someone edited a persona or
// the layout without running go generate ./api/sandbox, and the OCR answers would no longer
// match what is drawn. The manifest check is instant; redrawing costs seconds, so only the
// tiny image is redrawn unless PASSPORT_SPECIMEN_REDRAW=1 asks for all of them.
func TestSpecimensMatchTheirManifest(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("specimens", "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	manifest := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if name, rest, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			manifest[name] = rest
		}
	}
	for i, f := range persona.Catalogue {
		mrz := f.Persona.MRZ()
		want := fmt.Sprintf("%x\t%s\t%s", sha256.Sum256(Specimens()[i].Data), mrz[0], mrz[1])
		if manifest[f.Name] != want {
			t.Errorf("%s: manifest %q, want %q; run go generate ./api/sandbox", f.Name, manifest[f.Name], want)
		}
	}
	if len(manifest) != len(persona.Catalogue) {
		t.Errorf("manifest lists %d images, the catalogue %d", len(manifest), len(persona.Catalogue))
	}
}

func TestSpecimensAreUpToDateWithTheDrawingCode(t *testing.T) {
	all := os.Getenv("PASSPORT_SPECIMEN_REDRAW") == "1"
	for i, f := range persona.Catalogue {
		if !all && f.Width > 600 {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := draw.Encode(&buf, f); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), Specimens()[i].Data) {
				t.Fatalf("%s differs from a fresh drawing; run go generate ./api/sandbox", f.Name)
			}
		})
	}
}
