package imagecheck

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// errIncomplete is what the structural walks return for a file that stops before its end
// marker: a copy cut short, or a scan the scanner never finished writing.
var errIncomplete = errors.New("the image ends before its end marker")

// complete reports whether the image in r reaches its end marker (JPEG: EOI after the last
// scan's entropy-coded data; PNG: the IEND chunk). It walks the file's structure without
// decoding a pixel, so the wizard and `run` can refuse a truncated file on the same rule for the
// cost of reading it once. Bytes after the end marker (a phone's appended motion video, an MPF
// second image) are not looked at.
func complete(r io.Reader, format string) error {
	br := bufio.NewReaderSize(r, 64<<10)
	switch format {
	case "jpeg":
		return jpegComplete(br)
	case "png":
		return pngComplete(br)
	}
	return nil
}

// jpegComplete walks marker segments by their lengths and skips entropy-coded data up to the
// next marker that is not a stuffed 0xFF00 or a restart marker, until EOI.
func jpegComplete(br *bufio.Reader) error {
	var soi [2]byte
	if _, err := io.ReadFull(br, soi[:]); err != nil || soi != [2]byte{0xff, 0xd8} {
		return errIncomplete
	}
	inScan := false
	for {
		if inScan {
			if err := skipEntropy(br); err != nil {
				return err
			}
		}
		// A marker: 0xFF, any fill 0xFFs, then the code.
		c, err := br.ReadByte()
		if err != nil {
			return errIncomplete
		}
		if c != 0xff {
			if inScan {
				continue // skipEntropy stopped on 0xFF; cannot happen, but do not loop on it
			}
			return errIncomplete // garbage between segments
		}
		for c == 0xff {
			if c, err = br.ReadByte(); err != nil {
				return errIncomplete
			}
		}
		switch {
		case c == 0xd9: // EOI
			return nil
		case c == 0x00 || (c >= 0xd0 && c <= 0xd7) || c == 0x01:
			// Stuffed byte or restart inside a scan; a standalone marker elsewhere.
			continue
		}
		var lenBuf [2]byte
		if _, err := io.ReadFull(br, lenBuf[:]); err != nil {
			return errIncomplete
		}
		n := int(binary.BigEndian.Uint16(lenBuf[:]))
		if n < 2 {
			return errIncomplete
		}
		if _, err := br.Discard(n - 2); err != nil {
			return errIncomplete
		}
		inScan = c == 0xda // SOS: entropy-coded data follows its header
	}
}

// skipEntropy consumes entropy-coded data up to (not including) the 0xFF of the next marker
// that ends it.
func skipEntropy(br *bufio.Reader) error {
	for {
		buf, err := br.Peek(br.Buffered())
		if len(buf) == 0 {
			if _, err = br.Peek(1); err != nil {
				return errIncomplete
			}
			continue
		}
		i := bytes.IndexByte(buf, 0xff)
		if i < 0 {
			br.Discard(len(buf))
			continue
		}
		br.Discard(i)
		two, err := br.Peek(2)
		if err != nil {
			return errIncomplete
		}
		if two[1] == 0x00 || (two[1] >= 0xd0 && two[1] <= 0xd7) || two[1] == 0xff {
			br.Discard(1) // stuffed zero, restart marker or fill: still inside the scan
			if two[1] != 0xff {
				br.Discard(1)
			}
			continue
		}
		return nil
	}
}

// pngComplete walks the chunks by their lengths until IEND.
func pngComplete(br *bufio.Reader) error {
	var sig [8]byte
	if _, err := io.ReadFull(br, sig[:]); err != nil || string(sig[:]) != "\x89PNG\r\n\x1a\n" {
		return errIncomplete
	}
	for {
		var hdr [8]byte
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return errIncomplete
		}
		n := int64(binary.BigEndian.Uint32(hdr[:4]))
		if n > 1<<31-1 {
			return errIncomplete
		}
		if string(hdr[4:]) == "IEND" {
			if _, err := br.Discard(int(n) + 4); err != nil {
				return errIncomplete
			}
			return nil
		}
		if _, err := br.Discard(int(n) + 4); err != nil { // data and CRC
			return errIncomplete
		}
	}
}
