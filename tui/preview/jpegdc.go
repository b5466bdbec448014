package preview

import (
	"context"
	"encoding/binary"
	"errors"
	"image"
	"io"
)

// A preview needs an image a few hundred pixels wide; a camera JPEG is thousands. The mean of
// each 8×8 block is its DC coefficient, so a baseline JPEG yields a 1/8-scale image from its
// entropy-coded data alone: every AC coefficient is still Huffman-decoded to be skipped, but
// no inverse DCT runs, no colour is converted and no full-size plane is allocated. Anything this
// small decoder does not handle (progressive, arithmetic coding, 12-bit, CMYK, separate scans per
// component, or data it finds wrong) answers errUnsupported, and the caller decodes with
// image/jpeg instead, which keeps its judgement of what is damaged.

var errUnsupported = errors.New("jpeg: not a baseline file this decoder handles")

type dcComponent struct {
	id, h, v, tq int
	td, ta       int   // DC and AC Huffman table ids, from the scan header
	pred         int32 // the DC predictor
}

type huffTable struct {
	lut     [1 << lutBits]uint16 // len<<8 | symbol for codes up to lutBits long; 0 = longer
	maxCode [17]int32            // largest code of each length, -1 when none
	valPtr  [17]int32            // index in vals of the first code of each length
	minCode [17]int32
	vals    []uint8
	ok      bool
}

const lutBits = 9

// dcDecoder reads one JPEG from a chunked buffer.
type dcDecoder struct {
	r     io.Reader
	buf   []byte
	pos   int
	end   int
	eof   bool
	acc   uint64 // bits, most significant first
	nbits uint
	// marker is the code of a marker met inside entropy-coded data (0 while none): the bit
	// reader then feeds zeros, as image/jpeg does, until the scan ends.
	marker byte

	width, height int
	comps         []dcComponent
	quant         [4]int32 // each table's DC quantiser
	huff          [2][4]huffTable
	restart       int
	thumb         *image.RGBA // the EXIF thumbnail, when the caller accepts one
	wantThumb     func(w, h int) bool
}

// decodeDC returns the 1/8-scale image of a baseline JPEG (*image.YCbCr or *image.Gray), or the
// EXIF thumbnail as *image.RGBA when wantThumb accepts its size. ctx is looked at every row of
// blocks, so a preview no longer wanted stops within a fraction of its cost.
func decodeDC(ctx context.Context, r io.Reader, wantThumb func(w, h int) bool) (img image.Image, err error) {
	// A mistake here must cost a preview its speed, never the wizard its life: image/jpeg
	// decodes whatever this decoder could not.
	defer func() {
		if recover() != nil {
			img, err = nil, errUnsupported
		}
	}()
	d := &dcDecoder{r: r, buf: make([]byte, 64<<10), wantThumb: wantThumb}
	var soi [2]byte
	if err := d.readFull(soi[:]); err != nil || soi != [2]byte{0xff, 0xd8} {
		return nil, errUnsupported
	}
	for {
		code, err := d.nextMarker()
		if err != nil {
			return nil, err
		}
		var n int
		if code != 0xd8 && code != 0x01 && (code < 0xd0 || code > 0xd7) {
			var lb [2]byte
			if err := d.readFull(lb[:]); err != nil {
				return nil, errUnsupported
			}
			if n = int(binary.BigEndian.Uint16(lb[:])) - 2; n < 0 {
				return nil, errUnsupported
			}
		}
		switch {
		case code == 0xc0 || code == 0xc1: // baseline / extended sequential, Huffman
			if err := d.readSOF(n); err != nil {
				return nil, err
			}
		case code >= 0xc2 && code <= 0xcf && code != 0xc4 && code != 0xc8 && code != 0xcc:
			return nil, errUnsupported // progressive, lossless, arithmetic, hierarchical
		case code == 0xc4:
			if err := d.readDHT(n); err != nil {
				return nil, err
			}
		case code == 0xdb:
			if err := d.readDQT(n); err != nil {
				return nil, err
			}
		case code == 0xdd:
			var b [2]byte
			if n != 2 || d.readFull(b[:]) != nil {
				return nil, errUnsupported
			}
			d.restart = int(binary.BigEndian.Uint16(b[:]))
		case code == 0xe1 && d.wantThumb != nil && d.comps == nil:
			seg := make([]byte, n)
			if err := d.readFull(seg); err != nil {
				return nil, errUnsupported
			}
			if t := exifThumbnail(seg, d.wantThumb); t != nil {
				return t, nil
			}
		case code == 0xda:
			return d.readScan(ctx, n)
		case code == 0xd9:
			return nil, errUnsupported // EOI before any scan
		default:
			if err := d.skip(n); err != nil {
				return nil, errUnsupported
			}
		}
	}
}

// fillBuf moves unread bytes to the front and reads more; false at the end of the input.
func (d *dcDecoder) fillBuf() bool {
	if d.eof {
		return false
	}
	copy(d.buf, d.buf[d.pos:d.end])
	d.end -= d.pos
	d.pos = 0
	n, err := io.ReadAtLeast(d.r, d.buf[d.end:], 1)
	d.end += n
	if err != nil {
		d.eof = true
	}
	return n > 0
}

func (d *dcDecoder) readByte() (byte, bool) {
	if d.pos == d.end && !d.fillBuf() {
		return 0, false
	}
	b := d.buf[d.pos]
	d.pos++
	return b, true
}

func (d *dcDecoder) readFull(p []byte) error {
	for len(p) > 0 {
		if d.pos == d.end && !d.fillBuf() {
			return io.ErrUnexpectedEOF
		}
		c := copy(p, d.buf[d.pos:d.end])
		d.pos += c
		p = p[c:]
	}
	return nil
}

func (d *dcDecoder) skip(n int) error {
	for n > 0 {
		if d.pos == d.end && !d.fillBuf() {
			return io.ErrUnexpectedEOF
		}
		c := min(n, d.end-d.pos)
		d.pos += c
		n -= c
	}
	return nil
}

func (d *dcDecoder) nextMarker() (byte, error) {
	b, ok := d.readByte()
	if !ok || b != 0xff {
		return 0, errUnsupported
	}
	for b == 0xff {
		if b, ok = d.readByte(); !ok {
			return 0, errUnsupported
		}
	}
	return b, nil
}

func (d *dcDecoder) readSOF(n int) error {
	if n < 6 {
		return errUnsupported
	}
	hdr := make([]byte, n)
	if err := d.readFull(hdr); err != nil {
		return errUnsupported
	}
	nc := int(hdr[5])
	if hdr[0] != 8 || (nc != 1 && nc != 3) || n != 6+3*nc {
		return errUnsupported
	}
	d.height, d.width = int(binary.BigEndian.Uint16(hdr[1:])), int(binary.BigEndian.Uint16(hdr[3:]))
	if d.width == 0 || d.height == 0 {
		return errUnsupported
	}
	d.comps = make([]dcComponent, nc)
	for i := range d.comps {
		c := hdr[6+3*i:]
		d.comps[i] = dcComponent{id: int(c[0]), h: int(c[1] >> 4), v: int(c[1] & 15), tq: int(c[2] & 3)}
		if d.comps[i].h < 1 || d.comps[i].h > 4 || d.comps[i].v < 1 || d.comps[i].v > 4 {
			return errUnsupported
		}
	}
	if nc == 3 {
		// Chroma at one block per MCU is what image.YCbCr's subsampling ratios describe.
		if d.comps[1].h != 1 || d.comps[1].v != 1 || d.comps[2].h != 1 || d.comps[2].v != 1 || ratio(d.comps[0].h, d.comps[0].v) < 0 {
			return errUnsupported
		}
	}
	return nil
}

// ratio maps luma sampling factors (with chroma at 1×1) to image.YCbCr's ratio, -1 if none.
func ratio(h, v int) image.YCbCrSubsampleRatio {
	switch [2]int{h, v} {
	case [2]int{1, 1}:
		return image.YCbCrSubsampleRatio444
	case [2]int{2, 1}:
		return image.YCbCrSubsampleRatio422
	case [2]int{2, 2}:
		return image.YCbCrSubsampleRatio420
	case [2]int{1, 2}:
		return image.YCbCrSubsampleRatio440
	case [2]int{4, 1}:
		return image.YCbCrSubsampleRatio411
	case [2]int{4, 2}:
		return image.YCbCrSubsampleRatio410
	}
	return -1
}

func (d *dcDecoder) readDQT(n int) error {
	seg := make([]byte, n)
	if err := d.readFull(seg); err != nil {
		return errUnsupported
	}
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&3
		switch {
		case pq == 0 && len(seg) >= 65:
			d.quant[tq] = int32(seg[1])
			seg = seg[65:]
		case pq == 1 && len(seg) >= 129:
			d.quant[tq] = int32(binary.BigEndian.Uint16(seg[1:]))
			seg = seg[129:]
		default:
			return errUnsupported
		}
	}
	return nil
}

func (d *dcDecoder) readDHT(n int) error {
	seg := make([]byte, n)
	if err := d.readFull(seg); err != nil {
		return errUnsupported
	}
	for len(seg) >= 17 {
		class, id := seg[0]>>4, seg[0]&15
		if class > 1 || id > 3 {
			return errUnsupported
		}
		total := 0
		for _, c := range seg[1:17] {
			total += int(c)
		}
		if total > 256 || len(seg) < 17+total {
			return errUnsupported
		}
		t := &d.huff[class][id]
		*t = huffTable{vals: append([]uint8(nil), seg[17:17+total]...), ok: true}
		code, k := int32(0), int32(0)
		for l := 1; l <= 16; l++ {
			cnt := int32(seg[l])
			t.valPtr[l], t.minCode[l] = k, code
			if code+cnt > 1<<l {
				return errUnsupported // more codes than the length allows: not a Huffman table
			}
			if cnt == 0 {
				t.maxCode[l] = -1
			} else {
				for i := int32(0); i < cnt; i++ {
					if l <= lutBits {
						c := (code + i) << (lutBits - l)
						for j := int32(0); j < 1<<(lutBits-l); j++ {
							t.lut[c+j] = uint16(l)<<8 | uint16(t.vals[k+i])
						}
					}
				}
				t.maxCode[l] = code + cnt - 1
			}
			k += cnt
			code = (code + cnt) << 1
		}
		seg = seg[17+total:]
	}
	if len(seg) != 0 {
		return errUnsupported
	}
	return nil
}

// fill tops the bit accumulator up to at least 57 bits, 8 bytes at a time where no 0xFF is near.
func (d *dcDecoder) fill() error {
	for d.nbits <= 56 {
		if d.marker != 0 {
			d.nbits += 8 // zeros: the accumulator's low bits are already zero
			continue
		}
		if d.end-d.pos >= 8 {
			w := binary.BigEndian.Uint64(d.buf[d.pos:])
			// No byte of w is 0xFF: take as many whole bytes as fit.
			if x := ^w; (x-0x0101010101010101)&^x&0x8080808080808080 == 0 {
				take := (64 - d.nbits) / 8
				d.acc |= w >> (64 - take*8) << (64 - d.nbits - take*8)
				d.pos += int(take)
				d.nbits += take * 8
				continue
			}
		}
		b, ok := d.readByte()
		if !ok {
			return io.ErrUnexpectedEOF
		}
		if b == 0xff {
			nb, ok := d.readByte()
			if !ok {
				return io.ErrUnexpectedEOF
			}
			if nb != 0 {
				d.marker = nb // the scan's data ends here; the marker is read by the caller
				continue
			}
		}
		d.acc |= uint64(b) << (56 - d.nbits)
		d.nbits += 8
	}
	return nil
}

// decode reads one Huffman symbol. The accumulator holds at least 16 bits (callers fill first).
func (d *dcDecoder) decode(t *huffTable) (uint8, bool) {
	if e := t.lut[d.acc>>(64-lutBits)]; e != 0 {
		l := uint(e >> 8)
		d.acc <<= l
		d.nbits -= l
		return uint8(e), true
	}
	for l := lutBits + 1; l <= 16; l++ {
		code := int32(d.acc >> (64 - uint(l)))
		if code <= t.maxCode[l] {
			d.acc <<= uint(l)
			d.nbits -= uint(l)
			return t.vals[t.valPtr[l]+code-t.minCode[l]], true
		}
	}
	return 0, false
}

func (d *dcDecoder) readScan(ctx context.Context, n int) (image.Image, error) {
	hdr := make([]byte, n)
	if err := d.readFull(hdr); err != nil || d.comps == nil || n < 1 {
		return nil, errUnsupported
	}
	ns := int(hdr[0])
	if ns != len(d.comps) || n != 4+2*ns {
		return nil, errUnsupported // one scan per component: rare; image/jpeg handles it
	}
	order := make([]*dcComponent, ns)
	index := make([]int, ns) // order[i] is d.comps[index[i]]
	for i := 0; i < ns; i++ {
		id, tables := int(hdr[1+2*i]), hdr[2+2*i]
		for j := range d.comps {
			if d.comps[j].id == id {
				order[i], index[i] = &d.comps[j], j
			}
		}
		if order[i] == nil {
			return nil, errUnsupported
		}
		order[i].td, order[i].ta = int(tables>>4), int(tables&15)
		if order[i].td > 3 || order[i].ta > 3 || !d.huff[0][order[i].td].ok || !d.huff[1][order[i].ta].ok {
			return nil, errUnsupported
		}
	}
	if ss, se, a := hdr[1+2*ns], hdr[2+2*ns], hdr[3+2*ns]; ss != 0 || se != 63 || a != 0 {
		return nil, errUnsupported
	}

	hmax, vmax := d.comps[0].h, d.comps[0].v
	for _, c := range d.comps {
		hmax, vmax = max(hmax, c.h), max(vmax, c.v)
	}
	mcusX, mcusY := (d.width+8*hmax-1)/(8*hmax), (d.height+8*vmax-1)/(8*vmax)
	bw, bh := (d.width+7)/8, (d.height+7)/8
	var out image.Image
	var planes [3][]uint8
	var strides [3]int
	if len(d.comps) == 1 {
		// A single-component scan is not interleaved: its MCU is one block, whatever h and v say.
		hmax, vmax, d.comps[0].h, d.comps[0].v = 1, 1, 1, 1
		mcusX, mcusY = bw, bh
		g := image.NewGray(image.Rect(0, 0, bw, bh))
		planes[0], strides[0], out = g.Pix, g.Stride, g
	} else {
		y := image.NewYCbCr(image.Rect(0, 0, bw, bh), ratio(d.comps[0].h, d.comps[0].v))
		planes, strides, out = [3][]uint8{y.Y, y.Cb, y.Cr}, [3]int{y.YStride, y.CStride, y.CStride}, y
	}
	// Block (x, y) of a component lands in its plane only inside the plane: the MCU grid
	// overhangs the image on the right and at the bottom.
	var rows [3]int
	for i := range d.comps {
		rows[i] = len(planes[i]) / strides[i]
	}
	mcu := 0
	for my := 0; my < mcusY; my++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for mx := 0; mx < mcusX; mx++ {
			if d.restart > 0 && mcu > 0 && mcu%d.restart == 0 {
				if err := d.restartAt(); err != nil {
					return nil, err
				}
			}
			mcu++
			for i, c := range order {
				ci := index[i]
				dct, act := &d.huff[0][c.td], &d.huff[1][c.ta]
				q := d.quant[c.tq]
				for by := 0; by < c.v; by++ {
					for bx := 0; bx < c.h; bx++ {
						if d.nbits < 32 {
							if err := d.fill(); err != nil {
								return nil, err
							}
						}
						s, ok := d.decode(dct)
						if !ok || s > 11 {
							return nil, errUnsupported
						}
						if s > 0 {
							v := int32(d.acc >> (64 - uint(s)))
							if v < 1<<(s-1) {
								v += -1<<s + 1
							}
							d.acc <<= s
							d.nbits -= uint(s)
							c.pred += v
						}
						for k := 1; k < 64; {
							if d.nbits < 32 {
								if err := d.fill(); err != nil {
									return nil, err
								}
							}
							rs, ok := d.decode(act)
							if !ok {
								return nil, errUnsupported
							}
							r, sz := rs>>4, uint(rs&15)
							if sz == 0 {
								if r != 15 {
									break // end of block
								}
								k += 16
								continue
							}
							k += int(r) + 1
							d.acc <<= sz
							d.nbits -= sz
						}
						x, y := mx*c.h+bx, my*c.v+by
						if y < rows[ci] && x < strides[ci] {
							p := 128 + (c.pred*q+4)>>3 // block mean = DC / 8
							planes[ci][y*strides[ci]+x] = uint8(min(max(p, 0), 255))
						}
					}
				}
			}
		}
	}
	return out, nil
}

// restartAt drops the bits left in the accumulator, reads the RSTn marker and resets the DC
// predictors.
func (d *dcDecoder) restartAt() error {
	d.acc, d.nbits = 0, 0
	if d.marker == 0 {
		// The marker has not been reached through the bit reader: find it in the bytes.
		for {
			b, ok := d.readByte()
			if !ok {
				return io.ErrUnexpectedEOF
			}
			if b != 0xff {
				continue
			}
			nb, ok := d.readByte()
			if !ok {
				return io.ErrUnexpectedEOF
			}
			if nb != 0 {
				d.marker = nb
				break
			}
		}
	}
	if d.marker < 0xd0 || d.marker > 0xd7 {
		return errUnsupported
	}
	d.marker = 0
	for i := range d.comps {
		d.comps[i].pred = 0
	}
	return nil
}
