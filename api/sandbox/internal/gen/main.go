// Command gen draws the sandbox's specimen passport images into a directory. It runs from
// `go generate ./api/sandbox`; its output is committed and embedded in the binary.
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"example.com/passport-update/api/sandbox/internal/draw"
	"example.com/passport-update/api/sandbox/internal/persona"
)

func main() {
	out := flag.String("out", "specimens", "directory to write the images into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The manifest records what each image shows, so a test notices a persona edited
	// without regenerating the images.
	var manifest bytes.Buffer
	manifest.WriteString("# file\tsha256\tMRZ line 1\tMRZ line 2 — written by go generate; do not edit\n")
	for _, f := range persona.Catalogue {
		var buf bytes.Buffer
		if err := draw.Encode(&buf, f); err != nil {
			return err
		}
		path := filepath.Join(dir, f.Name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		mrz := f.Persona.MRZ()
		fmt.Fprintf(&manifest, "%s\t%x\t%s\t%s\n", f.Name, sha256.Sum256(buf.Bytes()), mrz[0], mrz[1])
		fmt.Printf("%s\t%d bytes\n", path, buf.Len())
	}
	return os.WriteFile(filepath.Join(dir, "MANIFEST.tsv"), manifest.Bytes(), 0o644)
}
