package preview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"image"
	"io"

	"example.com/passport-update/internal/imagecheck"
)

// SampleSide is the longest side of the Sample kept after a decode: enough for a thumbnail in
// any terminal pane, small enough (≤ 144 KiB) to cache dozens.
const SampleSide = 192

// ThumbMinSide is the smallest EXIF thumbnail (longest side) used instead of decoding the photo:
// the preview pane is at most 60 cells wide and Review's thumbnail 36, so 160 pixels still give
// every cell more than two pixels to average. A camera's usual 160×120 thumbnail qualifies.
const ThumbMinSide = 160

// ErrChanged is returned by Decode when the file's size no longer matches the imagecheck.Info.
var ErrChanged = errors.New("the file changed since it was inspected")

// ErrDamaged marks pixels that did not decode.
var ErrDamaged = errors.New("damaged image")

// Decode is DecodeContext without cancellation.
func Decode(info imagecheck.Info) (*image.RGBA, error) {
	return DecodeContext(context.Background(), info)
}

// DecodeContext reads the image at info.Path once and returns a box-filtered copy at most
// SampleSide pixels a side; no full-size plane outlives the call. For a JPEG it takes, in
// order, the first that applies:
//   - the EXIF thumbnail, when it has at least ThumbMinSide pixels on its longest side and the
//     photo's shape (a padded or cropped thumbnail would show something else);
//   - the 1/8-scale image of the block means (decodeDC), when that is still at least SampleSide
//     on its longest side and the file is a baseline JPEG that decoder reads;
//   - image/jpeg's full decode.
//
// A PNG is decoded fully. An error wrapping ErrDamaged means the header was fine but the pixels
// do not decode to the end; ctx.Err() is returned when the caller gave up.
func DecodeContext(ctx context.Context, info imagecheck.Info) (*image.RGBA, error) {
	if info.Refusal != "" {
		return nil, errors.New(info.Refusal)
	}
	f, err := imagecheck.OpenRegular(info.Path)
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
	return decodeSample(ctx, f, info.Size, info.Format, info.Width, info.Height)
}

// decodeSample is DecodeContext on an open file or any other seekable source of size bytes,
// whose header said format and w×h.
func decodeSample(ctx context.Context, rs io.ReadSeeker, size int64, format string, w, h int) (*image.RGBA, error) {
	// Limited readers: a file that grows while we read cannot make us read forever.
	if format == "jpeg" {
		want := func(tw, th int) bool { return max(tw, th) >= ThumbMinSide && sameShape(tw, th, w, h) }
		if max(w, h) < 8*SampleSide {
			want = nil // small enough that its full decode is cheap and sharper than a thumbnail
		}
		if want != nil {
			img, err := decodeDC(ctx, io.LimitReader(rs, size), want)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err == nil {
				return areaSample(img, w, h), nil
			}
			// Anything the small decoder does not read (or finds wrong) goes to image/jpeg,
			// which decides what is damaged.
			if _, err := rs.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
		}
	}
	img, _, err := image.Decode(bufio.NewReaderSize(io.LimitReader(rs, size), 64<<10))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return sampleOf(img), nil
}

// sampleOf box-filters img to at most SampleSide a side (an RGBA already that small is kept).
func sampleOf(img image.Image) *image.RGBA {
	w, h := fit(img.Bounds().Dx(), img.Bounds().Dy(), SampleSide, SampleSide)
	if rgba, ok := img.(*image.RGBA); ok && rgba.Bounds().Dx() == w && rgba.Bounds().Dy() == h {
		return rgba
	}
	return box(img, w, h)
}

// sameShape reports whether a×b has the aspect ratio of c×d within 2%.
func sameShape(a, b, c, d int) bool {
	if a <= 0 || b <= 0 || c <= 0 || d <= 0 {
		return false
	}
	x, y := int64(a)*int64(d), int64(b)*int64(c) // a/b vs c/d
	return 50*abs64(x-y) <= max(x, y)
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Load returns the sample for info from the cache, decoding on a miss; a decode failure is
// cached too, so a damaged file is not decoded again until it changes.
func (c *Cache) Load(info imagecheck.Info) (*image.RGBA, error) {
	return c.LoadContext(context.Background(), info)
}

// LoadContext is Load whose decode stops when ctx is done; a cancelled decode is not cached.
func (c *Cache) LoadContext(ctx context.Context, info imagecheck.Info) (*image.RGBA, error) {
	k := KeyOf(info)
	if img, err, ok := c.Get(k); ok {
		return img, err
	}
	img, err := DecodeContext(ctx, info)
	if err == nil || errors.Is(err, ErrDamaged) {
		c.Put(k, img, err)
	}
	return img, err
}
