package preview

import (
	"image"
	"image/color"
	"slices"
	"strconv"
	"strings"
)

// Sixel encodes img as a DEC Sixel image: one DCS string that draws the picture at its own size
// in pixels, its top left at the cursor. Colours are reduced to a palette of at most 256 by
// median cut (a face needs its skin tones more than a fixed cube would give them).
//
// The string starts with ESC P 0;1;0 q: pixels left unset stay transparent (none is, but the
// last band of six rows may reach past the picture), and the raster attributes "1;1;W;H say
// square pixels and the size, which terminals use to clear and to place the cursor after it.
func Sixel(img *image.RGBA) string {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return ""
	}
	palette, index := medianCut(img, 256)
	var sb strings.Builder
	sb.Grow(w*h/2 + 4096)
	sb.WriteString("\x1bP0;1;0q\"1;1;")
	sb.WriteString(strconv.Itoa(w))
	sb.WriteByte(';')
	sb.WriteString(strconv.Itoa(h))
	for i, c := range palette {
		sb.WriteByte('#')
		sb.WriteString(strconv.Itoa(i))
		sb.WriteString(";2;")
		sb.WriteString(strconv.Itoa(percent(c.R)))
		sb.WriteByte(';')
		sb.WriteString(strconv.Itoa(percent(c.G)))
		sb.WriteByte(';')
		sb.WriteString(strconv.Itoa(percent(c.B)))
	}
	// For each band of six rows: per colour, one bit per row in each column.
	bits := make([]byte, len(palette)*w)
	var inBand [256]bool
	var used []int
	for y0 := 0; y0 < h; y0 += 6 {
		if y0 > 0 {
			sb.WriteByte('-') // the next band
		}
		for _, c := range used {
			clear(bits[c*w : (c+1)*w])
			inBand[c] = false
		}
		used = used[:0]
		for dy := 0; dy < 6 && y0+dy < h; dy++ {
			row := index[(y0+dy)*w : (y0+dy+1)*w]
			for x, c := range row {
				if !inBand[c] {
					inBand[c] = true
					used = append(used, int(c))
				}
				bits[int(c)*w+x] |= 1 << dy
			}
		}
		slices.Sort(used)
		for i, c := range used {
			if i > 0 {
				sb.WriteByte('$') // back to the band's first column for the next colour
			}
			sb.WriteByte('#')
			sb.WriteString(strconv.Itoa(c))
			writeSixels(&sb, bits[c*w:(c+1)*w])
		}
	}
	sb.WriteString("\x1b\\")
	return sb.String()
}

// writeSixels writes one colour's column masks, run-length encoded (!n), without the empty
// columns at the end.
func writeSixels(sb *strings.Builder, masks []byte) {
	end := len(masks)
	for end > 0 && masks[end-1] == 0 {
		end--
	}
	for i := 0; i < end; {
		j := i + 1
		for j < end && masks[j] == masks[i] {
			j++
		}
		ch := byte('?' + masks[i])
		if n := j - i; n > 3 {
			sb.WriteByte('!')
			sb.WriteString(strconv.Itoa(n))
			sb.WriteByte(ch)
		} else {
			for range n {
				sb.WriteByte(ch)
			}
		}
		i = j
	}
}

// percent is a channel in Sixel's 0–100 scale.
func percent(v uint8) int { return (int(v)*100 + 127) / 255 }

// medianCut chooses at most n colours for img and returns them with each pixel's colour index
// (row by row). Colours are first counted in 32×32×32 bins; the set of bins is split, at most
// n-1 times, at the median of its widest channel (the box with the widest channel first), and
// each box becomes the mean of the pixels in it. A picture with at most n bins keeps one colour
// per bin.
func medianCut(img *image.RGBA, n int) ([]color.RGBA, []uint8) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	const bins = 1 << 15
	var count [bins]uint32
	var sum [bins][3]uint64
	binOf := func(r, g, b uint8) int { return int(r>>3)<<10 | int(g>>3)<<5 | int(b>>3) }
	for y := 0; y < h; y++ {
		row := img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:]
		for x := 0; x < w; x++ {
			p := row[x*4 : x*4+3]
			k := binOf(p[0], p[1], p[2])
			count[k]++
			sum[k][0] += uint64(p[0])
			sum[k][1] += uint64(p[1])
			sum[k][2] += uint64(p[2])
		}
	}
	var all []uint16
	for k := range count {
		if count[k] > 0 {
			all = append(all, uint16(k))
		}
	}
	channel := func(k uint16, c int) int { return int(k>>(10-5*c)) & 31 }
	type colourBox struct {
		bins   []uint16
		wide   int // the channel with the widest range
		spread int
	}
	measure := func(bs []uint16) colourBox {
		bx := colourBox{bins: bs}
		for c := 0; c < 3; c++ {
			lo, hi := 31, 0
			for _, k := range bs {
				v := channel(k, c)
				lo, hi = min(lo, v), max(hi, v)
			}
			if hi-lo > bx.spread {
				bx.wide, bx.spread = c, hi-lo
			}
		}
		return bx
	}
	boxes := []colourBox{measure(all)}
	for len(boxes) < n {
		pick := -1
		for i, bx := range boxes {
			if len(bx.bins) > 1 && (pick < 0 || bx.spread > boxes[pick].spread) {
				pick = i
			}
		}
		if pick < 0 {
			break
		}
		bx := boxes[pick]
		slices.SortFunc(bx.bins, func(a, b uint16) int { return channel(a, bx.wide) - channel(b, bx.wide) })
		var total, half uint64
		for _, k := range bx.bins {
			total += uint64(count[k])
		}
		cut := 1
		for i, k := range bx.bins[:len(bx.bins)-1] {
			half += uint64(count[k])
			cut = i + 1
			if 2*half >= total {
				break
			}
		}
		boxes[pick] = measure(bx.bins[:cut])
		boxes = append(boxes, measure(bx.bins[cut:]))
	}
	palette := make([]color.RGBA, len(boxes))
	var lookup [bins]uint8
	for i, bx := range boxes {
		var c, r, g, bl uint64
		for _, k := range bx.bins {
			c += uint64(count[k])
			r, g, bl = r+sum[k][0], g+sum[k][1], bl+sum[k][2]
			lookup[k] = uint8(i)
		}
		palette[i] = color.RGBA{uint8((r + c/2) / c), uint8((g + c/2) / c), uint8((bl + c/2) / c), 0xff}
	}
	index := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		row := img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:]
		for x := 0; x < w; x++ {
			index[y*w+x] = lookup[binOf(row[x*4], row[x*4+1], row[x*4+2])]
		}
	}
	return palette, index
}
