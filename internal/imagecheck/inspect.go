package imagecheck

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // the two formats the API accepts
	_ "image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Limits that protect the machine from files that are images only by name or by header.
const (
	// MaxPixels refuses images whose header claims more pixels than any passport scan needs
	// (a 24-megapixel camera gives 24,000,000); anything above is treated as a bomb.
	MaxPixels = 100_000_000
	// MaxDecodeBytes bounds the memory a full decode may take (pixels × bytes per pixel).
	MaxDecodeBytes = 256 << 20
	// MinReadableWidth is the narrowest image OCR reads reliably; narrower ones get a warning.
	MinReadableWidth = 600
	// maxHeaderBytes is how far into a file Inspect reads looking for the image header.
	maxHeaderBytes = 1 << 20
)

// Sentences shown to the user; each says what happened and what to do.
const (
	SentenceGone        = "The file is gone — it was moved or deleted. Pick another one."
	SentenceFolder      = "This is a folder, not an image file."
	SentenceNotRegular  = "This is not a regular file (a pipe, device or socket); only image files can be uploaded."
	SentenceEmpty       = "The file is empty (0 bytes). Scan the passport again."
	SentencePermission  = "You have no permission to read this file. Copy it somewhere readable or ask IT."
	SentenceUnreadable  = "The file could not be read. Pick it again or copy it to this computer first."
	SentenceNotImage    = "This file is not a JPEG or PNG image. Pick the passport scan."
	SentenceLoop        = "This name is a link that leads back to itself (a symlink loop). Pick the real file."
	SentenceDamaged     = "The image is damaged (it does not decode to the end). Scan the passport again."
	sentenceTooLarge    = "The file is %s; the limit is %s. Scan at a lower resolution or save it as JPEG."
	sentenceBomb        = "The image claims %d×%d pixels — too large to open safely. Pick the real scan."
	warningTooSmall     = "too small to read (%d×%d px)"
	warningTooLarge     = "too large (%s, limit %s)"
	warningNotImage     = "not an image"
	warningUnreadable   = "unreadable"
	warningDamaged      = "the image is damaged"
	warningWrongExtName = "named %s but is a %s"
)

// ErrNotRegular is returned when a path that was a regular file is now something else.
var ErrNotRegular = errors.New("not a regular file")

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
// image.DecodeConfig, absurd dimensions refused, the file's structure read to its end marker so
// a truncated copy is refused as damaged) without decoding pixels. maxBytes ≤ 0 means no size
// limit.
func Inspect(path string, maxBytes int64) Info {
	info := Info{Path: path}
	// Stat follows a symlink to what it names; the type check below is on the target.
	st, err := os.Stat(path)
	if err != nil {
		return info.refuse(warningUnreadable, statSentence(err))
	}
	info.Size, info.ModTime = st.Size(), st.ModTime()
	switch {
	case st.IsDir():
		return info.refuse("a folder", SentenceFolder)
	case !st.Mode().IsRegular():
		// Never opened: opening a FIFO blocks until a writer appears, a device may never end.
		return info.refuse("not a regular file", SentenceNotRegular)
	case st.Size() == 0:
		return info.refuse("empty", SentenceEmpty)
	}
	f, err := OpenRegular(path)
	if err != nil {
		return info.refuse(warningUnreadable, statSentence(err))
	}
	defer f.Close()
	// The header is in the first few kilobytes (EXIF can push it to ~64 KiB); a file that hides
	// it further is not a scan, and must not make us read gigabytes to find out.
	cfg, format, err := image.DecodeConfig(bufio.NewReaderSize(io.LimitReader(f, maxHeaderBytes), 4096))
	if err == nil && format != "jpeg" && format != "png" {
		err = image.ErrFormat
	}
	if err != nil {
		if isPermission(err) {
			return info.refuse(warningUnreadable, SentencePermission)
		}
		return info.refuse(warningNotImage, SentenceNotImage)
	}
	info.Format, info.Width, info.Height = format, cfg.Width, cfg.Height
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels ||
		int64(cfg.Width)*int64(cfg.Height)*int64(bytesPerPixel(format, cfg.ColorModel)) > MaxDecodeBytes {
		return info.refuse(fmt.Sprintf("%d×%d px", cfg.Width, cfg.Height),
			fmt.Sprintf(sentenceBomb, cfg.Width, cfg.Height))
	}
	if ext := strings.ToLower(filepath.Ext(path)); ext != "" && formatOfExt(ext) != "" && formatOfExt(ext) != format {
		info.Warnings = append(info.Warnings, fmt.Sprintf(warningWrongExtName, ext, strings.ToUpper(format)))
	}
	if cfg.Width < MinReadableWidth {
		info.Warnings = append(info.Warnings, fmt.Sprintf(warningTooSmall, cfg.Width, cfg.Height))
	}
	if maxBytes > 0 && info.Size > maxBytes {
		size, limit := sizesApart(info.Size, maxBytes)
		return info.refuse(fmt.Sprintf(warningTooLarge, size, limit), fmt.Sprintf(sentenceTooLarge, size, limit))
	}
	// A truncated file keeps an intact header; only its end shows it was cut. This is the one
	// rule for "damaged" that every front end gets by calling Inspect.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return info.refuse(warningUnreadable, SentenceUnreadable)
	}
	if err := complete(io.LimitReader(f, info.Size), format); err != nil {
		return info.Damaged()
	}
	return info
}

// Damaged returns info marked as an image that failed to decode completely: Inspect's own
// structural check, or a decode that stopped on bad data inside an intact structure.
func (i Info) Damaged() Info {
	if i.Refusal != "" {
		return i
	}
	return i.refuse(warningDamaged, SentenceDamaged)
}

// Refuse returns info refused with a short warning and a sentence (used when a later check, such
// as reopening the file, fails).
func (i Info) Refuse(warning, sentence string) Info { return i.refuse(warning, sentence) }

func (i Info) refuse(warning, sentence string) Info {
	i.Warnings = append(append([]string(nil), i.Warnings...), warning)
	i.Refusal = sentence
	return i
}

// IsImageName reports whether name ends in .jpg, .jpeg or .png in any letter case.
func IsImageName(name string) bool {
	ext := filepath.Ext(name) // EqualFold, not ToLower: no allocation per name in a 100k listing
	return strings.EqualFold(ext, ".jpg") || strings.EqualFold(ext, ".jpeg") || strings.EqualFold(ext, ".png")
}

func formatOfExt(lowerExt string) string {
	switch lowerExt {
	case ".jpg", ".jpeg":
		return "jpeg"
	case ".png":
		return "png"
	}
	return ""
}

// Sentence says in words why a file could not be opened or examined.
func Sentence(err error) string { return statSentence(err) }

func statSentence(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return SentenceGone
	case isLoop(err):
		return SentenceLoop
	case isPermission(err):
		return SentencePermission
	}
	return SentenceUnreadable
}

func isPermission(err error) bool { return errors.Is(err, fs.ErrPermission) }

// bytesPerPixel estimates what the decoder allocates per pixel for the header's colour model.
func bytesPerPixel(format string, m color.Model) int {
	switch m {
	case color.GrayModel:
		return 1
	case color.Gray16Model:
		return 2
	case color.YCbCrModel:
		return 3 // worst case 4:4:4
	case color.CMYKModel, color.RGBAModel, color.NRGBAModel:
		return 4
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	if format == "jpeg" {
		return 4
	}
	return 8
}

// HumanBytes formats n in decimal units (1 KB = 1,000 bytes), the unit every screen, message and
// flag uses: a whole number of units reads whole ("10 MB", as a limit is given), any other size
// with one decimal below 100 ("13.0 MB", "1.2 MB") and whole above ("250 MB"). Rounding moves to
// the next unit rather than show 1000 of one ("1.0 MB", not "1000 KB").
func HumanBytes(n int64) string {
	if n < 1000 {
		return fmt.Sprintf("%d B", n)
	}
	const units = "KMGTPE"
	u := uint64(n)
	div, exp := uint64(1000), 0
	for u/div >= 1000 && exp < len(units)-1 {
		div *= 1000
		exp++
	}
	for {
		unit := units[exp]
		if u%div == 0 {
			return fmt.Sprintf("%d %cB", u/div, unit)
		}
		if tenths := (u + div/20) / (div / 10); tenths < 1000 {
			return fmt.Sprintf("%d.%d %cB", tenths/10, tenths%10, unit)
		}
		if whole := (u + div/2) / div; whole < 1000 || exp == len(units)-1 {
			return fmt.Sprintf("%d %cB", whole, unit)
		}
		div *= 1000
		exp++
	}
}

// sizesApart is how a file over a limit and the limit are said: in HumanBytes, unless both
// round to the same text, then in bytes, so a refused file never reads as the size allowed.
func sizesApart(size, limit int64) (string, string) {
	s, l := HumanBytes(size), HumanBytes(limit)
	if s != l {
		return s, l
	}
	return groupedBytes(size), groupedBytes(limit)
}

// groupedBytes is n in bytes with thousands separators: "150,000,001 bytes".
func groupedBytes(n int64) string {
	d := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 && d[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + " bytes"
}
