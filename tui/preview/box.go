package preview

import (
	"encoding/binary"
	"image"
	"image/color"
)

// fit scales w×h to fit within maxW×maxH keeping the aspect ratio, never enlarging, never 0.
func fit(w, h, maxW, maxH int) (int, int) {
	if w <= 0 || h <= 0 || maxW <= 0 || maxH <= 0 {
		return 0, 0
	}
	if w <= maxW && h <= maxH {
		return w, h
	}
	// Compare w/maxW with h/maxH without floating point.
	if int64(w)*int64(maxH) >= int64(h)*int64(maxW) {
		return maxW, max(1, int((int64(h)*int64(maxW)+int64(w)/2)/int64(w)))
	}
	return max(1, int((int64(w)*int64(maxH)+int64(h)/2)/int64(h))), maxH
}

// box averages img over tw×th blocks (a box filter: every source pixel counts once, so fine
// print and halftone screens do not alias the way point sampling does). Callers never enlarge.
func box(img image.Image, tw, th int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	if tw == 0 || th == 0 || w == 0 || h == 0 {
		return dst
	}
	switch src := img.(type) {
	case *image.YCbCr:
		cw, ch := chromaSize(src)
		if cw < tw || ch < th {
			// Subsampled chroma coarser than the target (a 1/8-scale image): planeAverage
			// cannot enlarge, so average colours pixel by pixel instead.
			sampledAverage(dst, img, tw, th)
			return dst
		}
		ys := planeAverage(src.Y, src.YStride, w, h, tw, th)
		cbs := planeAverage(src.Cb, src.CStride, cw, ch, tw, th)
		crs := planeAverage(src.Cr, src.CStride, cw, ch, tw, th)
		for i := range ys {
			R, G, B := color.YCbCrToRGB(ys[i], cbs[i], crs[i])
			dst.Pix[i*4], dst.Pix[i*4+1], dst.Pix[i*4+2], dst.Pix[i*4+3] = R, G, B, 0xff
		}
	case *image.Gray:
		gs := planeAverage(src.Pix, src.Stride, w, h, tw, th)
		for i, g := range gs {
			dst.Pix[i*4], dst.Pix[i*4+1], dst.Pix[i*4+2], dst.Pix[i*4+3] = g, g, g, 0xff
		}
	case *image.RGBA:
		interleavedAverage(dst.Pix, src.Pix, src.Stride, w, h, tw, th)
	case *image.NRGBA:
		// Straight (not premultiplied) colour: transparent areas show their colour, which for a
		// scan is what a person expects to see.
		interleavedAverage(dst.Pix, src.Pix, src.Stride, w, h, tw, th)
	default:
		sampledAverage(dst, img, tw, th)
	}
	return dst
}

// chromaSize is the size of the Cb/Cr planes for the image's subsampling.
func chromaSize(m *image.YCbCr) (int, int) {
	r := m.Rect
	w, h := r.Dx(), r.Dy()
	halfW := (r.Max.X+1)/2 - r.Min.X/2
	halfH := (r.Max.Y+1)/2 - r.Min.Y/2
	quarterW := (r.Max.X+3)/4 - r.Min.X/4
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		return halfW, h
	case image.YCbCrSubsampleRatio420:
		return halfW, halfH
	case image.YCbCrSubsampleRatio440:
		return w, halfH
	case image.YCbCrSubsampleRatio411:
		return quarterW, h
	case image.YCbCrSubsampleRatio410:
		return quarterW, halfH
	}
	return w, h
}

// bounds splits n source positions into t runs: position i belongs to run i*t/n, so run c is
// [b[c], b[c+1]). Runs are contiguous, which lets the inner loops sum plain slices.
func bounds(n, t int) []int {
	b := make([]int, t+1)
	for c := range b {
		b[c] = int((int64(c)*int64(n) + int64(t) - 1) / int64(t))
	}
	return b
}

// planeAverage box-filters one 8-bit plane of pw×ph samples into tw×th averages. One pass over
// the plane, row by row, summing each row's run of samples for every cell.
func planeAverage(pix []uint8, stride, pw, ph, tw, th int) []uint8 {
	xb, yb := bounds(pw, tw), bounds(ph, th)
	sums := make([]uint64, tw*th)
	for ty := 0; ty < th; ty++ {
		acc := sums[ty*tw : ty*tw+tw]
		for y := yb[ty]; y < yb[ty+1]; y++ {
			row := pix[y*stride : y*stride+pw]
			for tx := range acc {
				acc[tx] += uint64(sumBytes(row[xb[tx]:xb[tx+1]]))
			}
		}
	}
	out := make([]uint8, tw*th)
	for ty := 0; ty < th; ty++ {
		for tx := 0; tx < tw; tx++ {
			if n := uint64(xb[tx+1]-xb[tx]) * uint64(yb[ty+1]-yb[ty]); n > 0 {
				out[ty*tw+tx] = uint8((sums[ty*tw+tx] + n/2) / n)
			}
		}
	}
	return out
}

// sumBytes adds bytes eight at a time in four 16-bit lanes (no lane can overflow within 128
// words), the hot loop of a 24-megapixel preview.
func sumBytes(b []uint8) uint32 {
	const lanes = 0x00ff00ff00ff00ff
	var total uint32
	for len(b) >= 8 {
		var acc uint64
		n := min(len(b)/8, 128)
		for i := 0; i < n; i++ {
			v := binary.LittleEndian.Uint64(b[i*8:])
			acc += v&lanes + (v>>8)&lanes
		}
		b = b[n*8:]
		acc = acc&0x0000ffff0000ffff + (acc>>16)&0x0000ffff0000ffff
		total += uint32(acc) + uint32(acc>>32)
	}
	for _, v := range b {
		total += uint32(v)
	}
	return total
}

// interleavedAverage box-filters 4-byte pixels (RGBA or NRGBA) into dst (RGBA, opaque).
func interleavedAverage(dst, pix []uint8, stride, w, h, tw, th int) {
	xb, yb := bounds(w, tw), bounds(h, th)
	sums := make([]uint64, tw*th*3)
	for ty := 0; ty < th; ty++ {
		acc := sums[ty*tw*3 : (ty+1)*tw*3]
		for y := yb[ty]; y < yb[ty+1]; y++ {
			row := pix[y*stride : y*stride+w*4]
			for tx := 0; tx < tw; tx++ {
				var r, g, b uint64
				run := row[xb[tx]*4 : xb[tx+1]*4]
				for i := 0; i+3 < len(run); i += 4 {
					r, g, b = r+uint64(run[i]), g+uint64(run[i+1]), b+uint64(run[i+2])
				}
				acc[tx*3] += r
				acc[tx*3+1] += g
				acc[tx*3+2] += b
			}
		}
	}
	for ty := 0; ty < th; ty++ {
		for tx := 0; tx < tw; tx++ {
			n := uint64(xb[tx+1]-xb[tx]) * uint64(yb[ty+1]-yb[ty])
			i := ty*tw + tx
			if n > 0 {
				dst[i*4] = uint8((sums[i*3] + n/2) / n)
				dst[i*4+1] = uint8((sums[i*3+1] + n/2) / n)
				dst[i*4+2] = uint8((sums[i*3+2] + n/2) / n)
			}
			dst[i*4+3] = 0xff
		}
	}
}

// sampledAverage is the slow path for other image types (paletted PNGs, 16-bit PNGs, CMYK
// JPEGs): it averages an evenly spread grid of at most 8×8 points inside each cell, which keeps
// the cost bounded whatever the source size.
func sampledAverage(dst *image.RGBA, img image.Image, tw, th int) {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	for ty := 0; ty < th; ty++ {
		y0, y1 := ty*h/th, (ty+1)*h/th
		for tx := 0; tx < tw; tx++ {
			x0, x1 := tx*w/tw, (tx+1)*w/tw
			var sr, sg, sb, n uint64
			for _, y := range grid(y0, y1) {
				for _, x := range grid(x0, x1) {
					R, G, B, _ := img.At(r.Min.X+x, r.Min.Y+y).RGBA()
					sr, sg, sb, n = sr+uint64(R>>8), sg+uint64(G>>8), sb+uint64(B>>8), n+1
				}
			}
			i := (ty*tw + tx) * 4
			if n > 0 {
				dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2] = uint8(sr/n), uint8(sg/n), uint8(sb/n)
			}
			dst.Pix[i+3] = 0xff
		}
	}
}

func grid(a, b int) []int {
	if b <= a {
		return []int{a}
	}
	n := min(b-a, 8)
	out := make([]int, n)
	for i := range out {
		out[i] = a + (b-a)*i/n + (b-a)/(2*n)
	}
	return out
}
