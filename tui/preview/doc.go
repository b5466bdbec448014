// Package preview inspects an image file before upload and draws half-block colour thumbnails.
//
// Inspect answers from the file's metadata and its header alone (image.DecodeConfig), so a
// decompression bomb, a FIFO named .jpg or a text file in disguise is refused before a single
// pixel is decoded. Decode reads the pixels once, box-filters them straight from the decoder's
// planes into a small Sample kept in a Cache, and drops the full image; Render turns any image
// into cells of '▀' whose foreground is the upper pixel and background the lower one.
package preview
