package preview

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"strconv"
	"strings"
)

// KittyDeleteAll removes every picture the kitty protocol placed on the screen and frees its
// data, without an answer.
const KittyDeleteAll = "\x1b_Ga=d,d=A,q=2\x1b\\"

// kittyChunk is the most base64 the protocol takes in one escape code.
const kittyChunk = 4096

// Kitty encodes img for the kitty graphics protocol: a PNG sent and shown at once (a=T), its
// top left at the cursor, pixel for pixel or, when cols and rows are given, scaled by the
// terminal to that many cells; the cursor does not move (C=1) and the terminal answers nothing
// (q=2), so nothing reaches the program's input. The base64 payload goes in chunks of at most
// 4096 bytes, every one but the last marked m=1; only the first carries the keys.
func Kitty(img image.Image, cols, rows int) string {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return ""
	}
	payload := base64.StdEncoding.EncodeToString(buf.Bytes())
	var sb strings.Builder
	sb.Grow(len(payload) + len(payload)/kittyChunk*16 + 64)
	keys := "a=T,f=100,t=d,C=1,q=2,"
	if cols > 0 && rows > 0 {
		keys += "c=" + strconv.Itoa(cols) + ",r=" + strconv.Itoa(rows) + ","
	}
	for len(payload) > 0 {
		n := min(len(payload), kittyChunk)
		more := "1"
		if n == len(payload) {
			more = "0"
		}
		sb.WriteString("\x1b_G")
		sb.WriteString(keys)
		sb.WriteString("m=")
		sb.WriteString(more)
		sb.WriteByte(';')
		sb.WriteString(payload[:n])
		sb.WriteString("\x1b\\")
		payload = payload[n:]
		keys = "q=2,"
	}
	return sb.String()
}
