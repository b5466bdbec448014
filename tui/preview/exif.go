package preview

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
)

// exifThumbnail returns the JPEG thumbnail a camera or phone stores in its EXIF block (APP1,
// IFD1) as a box-filtered RGBA, or nil when there is none, it does not decode, or want refuses
// its size. Decoding it costs a few hundred kilobytes of work instead of the whole photo.
func exifThumbnail(app1 []byte, want func(w, h int) bool) *image.RGBA {
	if !bytes.HasPrefix(app1, []byte("Exif\x00\x00")) {
		return nil
	}
	tiff := app1[6:]
	if len(tiff) < 8 {
		return nil
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return nil
	}
	ifd0 := bo.Uint32(tiff[4:])
	// IFD0's entry count, its 12-byte entries, then the offset of IFD1.
	if uint64(ifd0)+2 > uint64(len(tiff)) {
		return nil
	}
	n := uint64(bo.Uint16(tiff[ifd0:]))
	next := uint64(ifd0) + 2 + 12*n
	if next+4 > uint64(len(tiff)) {
		return nil
	}
	ifd1 := uint64(bo.Uint32(tiff[next:]))
	if ifd1 == 0 || ifd1+2 > uint64(len(tiff)) {
		return nil
	}
	var off, length uint64
	entries := uint64(bo.Uint16(tiff[ifd1:]))
	for i := uint64(0); i < entries; i++ {
		e := ifd1 + 2 + 12*i
		if e+12 > uint64(len(tiff)) {
			return nil
		}
		switch bo.Uint16(tiff[e:]) {
		case 0x0201: // JPEGInterchangeFormat
			off = uint64(bo.Uint32(tiff[e+8:]))
		case 0x0202: // JPEGInterchangeFormatLength
			length = uint64(bo.Uint32(tiff[e+8:]))
		}
	}
	if off == 0 || length == 0 || off+length > uint64(len(tiff)) {
		return nil
	}
	data := tiff[off : off+length]
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil || !want(cfg.Width, cfg.Height) {
		return nil
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	// Subsampled chroma is coarser than the sample here, which area weights spread.
	return areaSampleScaled(img, img.Bounds().Dx(), img.Bounds().Dy(), 1)
}
