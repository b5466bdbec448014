package draw

import (
	"image/color"
	"testing"

	"example.com/passport-update/api/sandbox/internal/persona"
)

func TestPageKeepsPassportProportionsAndPrintsTheMRZ(t *testing.T) {
	img, err := Page(persona.Omar, 400)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 400 || b.Dy() != 282 {
		t.Fatalf("page %v, want 400×282 (125:88)", b)
	}
	// The MRZ band (bottom 19 % of the page) must carry dark ink: the two printed lines.
	dark := 0
	for y := 232; y < 282; y++ {
		for x := 0; x < 400; x++ {
			c := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			if c.Y < 80 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Fatalf("only %d dark pixels in the MRZ band", dark)
	}
}
