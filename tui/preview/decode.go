package preview

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"io"
)

// SampleSide is the longest side of the Sample kept after a decode: enough for a thumbnail in
// any terminal pane, small enough (≤ 144 KiB) to cache dozens.
const SampleSide = 192

// ErrNotRegular is returned when a path that was a regular file is now something else.
var ErrNotRegular = errors.New("not a regular file")

// ErrChanged is returned by Decode when the file's size no longer matches the Info.
var ErrChanged = errors.New("the file changed since it was inspected")

// Decode reads the image at info.Path once and returns a box-filtered copy at most SampleSide
// pixels a side; the full-size pixels are dropped before it returns. An error wrapping
// ErrDamaged means the header was fine but the pixels do not decode to the end.
func Decode(info Info) (*image.RGBA, error) {
	if info.Refusal != "" {
		return nil, errors.New(info.Refusal)
	}
	f, err := OpenRegular(info.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() != info.Size {
		return nil, ErrChanged
	}
	// A limited reader: a file that grows while we read cannot make us read forever.
	img, _, err := image.Decode(bufio.NewReaderSize(io.LimitReader(f, info.Size), 64<<10))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	w, h := fit(img.Bounds().Dx(), img.Bounds().Dy(), SampleSide, SampleSide)
	return box(img, w, h), nil
}

// ErrDamaged marks pixels that did not decode.
var ErrDamaged = errors.New("damaged image")

// Load returns the sample for info from the cache, decoding on a miss; a decode failure is
// cached too, so a damaged file is not decoded again until it changes.
func (c *Cache) Load(info Info) (*image.RGBA, error) {
	k := KeyOf(info)
	if img, err, ok := c.Get(k); ok {
		return img, err
	}
	img, err := Decode(info)
	if err == nil || errors.Is(err, ErrDamaged) {
		c.Put(k, img, err)
	}
	return img, err
}
