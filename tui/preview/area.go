package preview

import (
	"image"
	"image/color"
)

// areaSample shrinks a 1/8-scale decode (a few hundred pixels a side) to at most SampleSide a
// side. Each plane is averaged on its own, weighting every source sample by the share of it that
// falls in each target cell, and the averages are converted to RGB, as box does for a full
// decode. Shares matter here: with source and target close in size (200 pixels into 192)
// whole-pixel bins would pick single pixels and lose fine print, and subsampled chroma (100
// samples for 192 cells) must be spread, not skipped.
//
// w×h is the photo's size in pixels: the last block of a row or column may cover fewer than 8
// pixels, and placing cells by pixels (not blocks) keeps them where the full decode puts them.
func areaSample(img image.Image, w, h int) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba // an EXIF thumbnail, already a sample
	}
	return areaSampleScaled(img, w, h, 8)
}

// areaSampleScaled is areaSample for planes that hold one luma sample per scale×scale pixels.
func areaSampleScaled(img image.Image, w, h, scale int) *image.RGBA {
	b := img.Bounds()
	tw, th := fit(w, h, SampleSide, SampleSide)
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	ex, ey := float64(w)/float64(scale), float64(h)/float64(scale) // the planes' extent in luma samples
	switch src := img.(type) {
	case *image.YCbCr:
		cw, ch := chromaSize(src)
		dx, dy := chromaDivisors(src.SubsampleRatio)
		ys := areaPlane(src.Y, src.YStride, b.Dx(), b.Dy(), ex, ey, tw, th)
		cbs := areaPlane(src.Cb, src.CStride, cw, ch, ex/dx, ey/dy, tw, th)
		crs := areaPlane(src.Cr, src.CStride, cw, ch, ex/dx, ey/dy, tw, th)
		for i := range ys {
			R, G, B := color.YCbCrToRGB(ys[i], cbs[i], crs[i])
			dst.Pix[i*4], dst.Pix[i*4+1], dst.Pix[i*4+2], dst.Pix[i*4+3] = R, G, B, 0xff
		}
	case *image.Gray:
		for i, g := range areaPlane(src.Pix, src.Stride, b.Dx(), b.Dy(), ex, ey, tw, th) {
			dst.Pix[i*4], dst.Pix[i*4+1], dst.Pix[i*4+2], dst.Pix[i*4+3] = g, g, g, 0xff
		}
	default:
		return box(img, tw, th)
	}
	return dst
}

// chromaDivisors is how many luma samples share one chroma sample, across and down.
func chromaDivisors(r image.YCbCrSubsampleRatio) (float64, float64) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return 2, 1
	case image.YCbCrSubsampleRatio420:
		return 2, 2
	case image.YCbCrSubsampleRatio440:
		return 1, 2
	case image.YCbCrSubsampleRatio411:
		return 4, 1
	case image.YCbCrSubsampleRatio410:
		return 4, 2
	}
	return 1, 1
}

// areaPlane averages the first ex×ey samples (fractional at the far edges) of a pw×ph plane into
// tw×th cells by overlap: rows first, then columns.
func areaPlane(pix []uint8, stride, pw, ph int, ex, ey float64, tw, th int) []uint8 {
	xs, ys := shares(pw, ex, tw), shares(ph, ey, th)
	rows := make([]float32, tw*ph)
	for y := 0; y < ph; y++ {
		line, to := pix[y*stride:], rows[y*tw:]
		for _, s := range xs {
			to[s.t] += s.w * float32(line[s.s])
		}
	}
	acc := make([]float32, tw*th)
	for _, s := range ys {
		from, to := rows[s.s*tw:(s.s+1)*tw], acc[s.t*tw:(s.t+1)*tw]
		for i := range to {
			to[i] += s.w * from[i]
		}
	}
	out := make([]uint8, tw*th)
	for i, v := range acc {
		out[i] = uint8(min(max(v+0.5, 0), 255))
	}
	return out
}

// share says that source sample s gives weight w to target cell t.
type share struct {
	s, t int
	w    float32
}

// shares splits the first extent (≤ n) of n source samples over t cells: cell c covers
// [c·extent/t, (c+1)·extent/t), and each sample's weight in it is their overlap divided by the
// cell's length.
func shares(n int, extent float64, t int) []share {
	out := make([]share, 0, n+t)
	scale := min(extent, float64(n)) / float64(t)
	for c := 0; c < t; c++ {
		lo, hi := float64(c)*scale, float64(c+1)*scale
		for s := int(lo); s < n && float64(s) < hi; s++ {
			if overlap := min(hi, float64(s+1)) - max(lo, float64(s)); overlap > 0 {
				out = append(out, share{s: s, t: c, w: float32(overlap / scale)})
			}
		}
	}
	return out
}
