// Package preview inspects an image file before upload (type, pixel size, warnings; refusing bombs
// on the header alone) and draws half-block colour thumbnails, decoded off the UI loop and cached.
package preview

// CONTRACT STUB — the picker/preview helper replaces this file (same names and signatures).

import (
	"image"
	"time"
)

// Info is what is known about a file before any upload.
type Info struct {
	Path     string
	Size     int64
	ModTime  time.Time
	Format   string // "jpeg", "png", or "" when not an image
	Width    int
	Height   int
	Warnings []string // "too small to read (400×300 px)", …
	Refusal  string   // non-empty: the file must not be uploaded, and why (one sentence)
}

// Inspect checks path (regular file only, never blocks on FIFOs/devices, size limit, header via
// image.DecodeConfig, absurd dimensions refused) without decoding pixels.
func Inspect(path string, maxBytes int64) Info { return Info{Path: path} }

// Thumbnail is a rendered half-block picture, cols×rows cells.
type Thumbnail struct {
	Cols, Rows int
	Text       string // rows lines of ANSI-coloured half blocks
}

// Render draws img into cols×rows cells (two pixels per cell vertically), box-filtered.
func Render(img image.Image, cols, rows int) Thumbnail { return Thumbnail{Cols: cols, Rows: rows} }

// FromBase64 decodes a base64 JPEG/PNG (e.g. the OCR face photo) and renders it; ok is false when
// it does not decode as an image.
func FromBase64(s string, cols, rows int) (Thumbnail, bool) { return Thumbnail{}, false }
