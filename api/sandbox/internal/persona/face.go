package persona

import (
	"hash/fnv"
	"image"
	"image/color"
)

// Face draws the persona's photo placeholder: a plain silhouette (head and shoulders) on a
// tinted background. No real face is ever drawn; the tint is derived from the persona's key so
// the crop returned by OCR visibly belongs to the page it came from.
func Face(p Persona, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	hsh := fnv.New32a()
	hsh.Write([]byte(p.Key))
	v := hsh.Sum32()
	bg := color.RGBA{R: 200 + uint8(v%40), G: 210 + uint8(v>>8%30), B: 220 + uint8(v>>16%30), A: 255}
	fg := color.RGBA{R: 92, G: 100, B: 112, A: 255}
	if p.Sex == "F" {
		fg = color.RGBA{R: 110, G: 92, B: 104, A: 255}
	}
	fw, fh := float64(w), float64(h)
	headX, headY, headR := fw/2, fh*0.40, fw*0.22
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			c := bg
			dx, dy := (px-headX)/headR, (py-headY)/(headR*1.2)
			// Shoulders: the top half of a wide ellipse sitting on the bottom edge.
			sx, sy := (px-fw/2)/(fw*0.45), (py-fh*1.02)/(fh*0.38)
			if dx*dx+dy*dy <= 1 || sx*sx+sy*sy <= 1 {
				c = fg
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}
