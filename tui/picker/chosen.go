package picker

import (
	"errors"
	"image"
	"io/fs"
	"os"
	"time"

	"github.com/muesli/termenv"

	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/tui/preview"
)

// ChosenFile is a file that passed every local check.
type ChosenFile struct {
	Path    string
	Size    int64
	ModTime time.Time
	Format  string // "jpeg" or "png"
	Width   int
	Height  int
	// Sample is the reduced copy (at most preview.SampleSide a side) the check behind enter
	// decoded or found in the cache; nil for a ChosenFile made by hand. Read-only: it is shared
	// with the picker's cache. Draw it with ThumbnailProfile, never by decoding the file again.
	Sample *image.RGBA
}

// ChosenMsg is sent when the user picks a file that passed every check.
type ChosenMsg struct{ File ChosenFile }

// Sentences ChosenFile.Open answers with; the errors are also comparable with errors.Is.
var (
	ErrFileChanged = errors.New("The file changed since you picked it — pick it again.")
	ErrFileGone    = errors.New("The file is gone — it was moved or deleted. Pick it again.")
	ErrNotAFile    = errors.New("This is no longer a regular file — pick the passport scan again.")
	ErrNoAccess    = errors.New("You have no permission to read this file any more — pick it again.")
)

// Open reopens the file for upload (read-only, never blocking on a FIFO swapped in since), and
// refuses it with a sentence if it is no longer a regular file or its size or modification time
// changed since it was checked. The caller closes the file.
func (f ChosenFile) Open() (*os.File, error) {
	file, err := imagecheck.OpenRegular(f.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ErrFileGone
	case errors.Is(err, fs.ErrPermission):
		return nil, ErrNoAccess
	case errors.Is(err, imagecheck.ErrNotRegular):
		return nil, ErrNotAFile
	case err != nil:
		return nil, err
	}
	st, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, err
	}
	if st.Size() != f.Size || !st.ModTime().Equal(f.ModTime) {
		file.Close()
		return nil, ErrFileChanged
	}
	return file, nil
}

func chosenFrom(i imagecheck.Info, sample *image.RGBA) ChosenFile {
	return ChosenFile{Path: i.Path, Size: i.Size, ModTime: i.ModTime, Format: i.Format, Width: i.Width, Height: i.Height, Sample: sample}
}

// ThumbnailProfile draws the chosen file's Sample into at most cols×rows cells in colour
// profile p, for the Review screen. It never decodes (so it is safe to call from Update or
// View): ok is false when the ChosenFile carries no Sample.
func (f ChosenFile) ThumbnailProfile(cols, rows int, p termenv.Profile) (preview.Thumbnail, bool) {
	if f.Sample == nil {
		return preview.Thumbnail{}, false
	}
	t := preview.RenderProfile(f.Sample, cols, rows, p)
	return t, t.Rows > 0
}

// Thumbnail draws the chosen file in the detected colour profile: from its Sample, or else
// from the picker's cache c (which may have evicted it). It never decodes: ok is false on a
// miss.
func (f ChosenFile) Thumbnail(c *preview.Cache, cols, rows int) (preview.Thumbnail, bool) {
	img := f.Sample
	if img == nil && c != nil {
		cached, err, ok := c.Get(preview.KeyOf(imagecheck.Info{Path: f.Path, Size: f.Size, ModTime: f.ModTime}))
		if !ok || err != nil {
			return preview.Thumbnail{}, false
		}
		img = cached
	}
	if img == nil {
		return preview.Thumbnail{}, false
	}
	t := preview.Render(img, cols, rows)
	return t, t.Rows > 0
}
