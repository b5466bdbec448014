// Package preview inspects an image file before upload and draws half-block colour thumbnails.
//
// imagecheck.Inspect answers from the file's metadata, its header (image.DecodeConfig) and a walk of its
// structure to the end marker, so a decompression bomb, a FIFO named .jpg, a text file in
// disguise or a truncated copy is refused before a single pixel is decoded; it is the one rule
// the wizard and `run` share. Decode makes a small sample (at most SampleSide a side) the cheapest
// way the file allows: its EXIF thumbnail, the block means of a baseline JPEG (jpegdc.go), or a
// full decode box-filtered straight from the decoder's planes. A Cache keeps samples within a
// byte budget; Render turns any image into cells of '▀' whose foreground is the upper pixel and
// background the lower one.
package preview
