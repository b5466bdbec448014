// genphotos writes N 6000×4000 baseline JPEGs (quality 85, no EXIF thumbnail) into a folder,
// each as heavy as a camera's: fine print over a gradient with sensor-like noise. It makes the
// fixtures of the scrolling drive in docs/PERFORMANCE.md; nothing big is committed.
//
//	go run ./tui/picker/testdata/genphotos DIR [N]
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: genphotos DIR [N]")
		os.Exit(2)
	}
	n := 10
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	if err := os.MkdirAll(os.Args[1], 0o755); err != nil {
		panic(err)
	}
	for i := 0; i < n; i++ {
		img := image.NewYCbCr(image.Rect(0, 0, 6000, 4000), image.YCbCrSubsampleRatio420)
		seed := uint32(2463534242 + i)
		for y := 0; y < 4000; y++ {
			for x := 0; x < 6000; x++ {
				seed ^= seed << 13
				seed ^= seed >> 17
				seed ^= seed << 5
				v := 200 - y/60 + int(seed%24)
				if (y/14)%4 == 0 && (x/9)%5 != 0 && x > 2200 {
					v = 40 + int(seed%30)
				}
				img.Y[y*img.YStride+x] = uint8(v)
			}
		}
		for j := range img.Cb {
			img.Cb[j], img.Cr[j] = uint8(110+i), 140
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
			panic(err)
		}
		p := filepath.Join(os.Args[1], fmt.Sprintf("photo-%02d.jpg", i))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			panic(err)
		}
	}
}
