package preview

import (
	"bytes"
	"context"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"example.com/passport-update/internal/imagecheck"
	"github.com/muesli/termenv"
)

var (
	photo24Once sync.Once
	photo24Path string
)

// photo24MP writes a 6000×4000 JPEG (quality 85) once per process: a scanned page with fine
// print over a smooth gradient and sensor-like noise, so the file is as heavy as a camera's.
func photo24MP(b *testing.B) string {
	photo24Once.Do(func() {
		dir, err := os.MkdirTemp("", "preview-bench-")
		if err != nil {
			b.Fatal(err)
		}
		img := image.NewYCbCr(image.Rect(0, 0, 6000, 4000), image.YCbCrSubsampleRatio420)
		seed := uint32(2463534242)
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
		for i := range img.Cb {
			img.Cb[i], img.Cr[i] = 120, 136
		}
		photo24Path = filepath.Join(dir, "passport-24mp.jpg")
		f, err := os.Create(photo24Path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Write(jpegBytes(b, img, 85)); err != nil {
			b.Fatal(err)
		}
		f.Close()
	})
	return photo24Path
}

// peakHeap runs fn once after a GC, sampling the heap, and reports the peak above the start
// (B/op counts every allocation; this is what the machine must actually hold at once).
func peakHeap(b *testing.B, fn func()) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak {
				peak = v
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	if peak > base {
		b.ReportMetric(float64(peak-base)/(1<<20), "peak-MiB")
	}
}

// BenchmarkPreview_24MP_JPEG is the picker's path: imagecheck.Inspect, one decode boxed to a sample, a
// 48×24-cell thumbnail.
func BenchmarkPreview_24MP_JPEG(b *testing.B) {
	p := photo24MP(b)
	op := func() {
		info := imagecheck.Inspect(p, 50<<20)
		if info.Refusal != "" {
			b.Fatal(info.Refusal)
		}
		img, err := Decode(info)
		if err != nil {
			b.Fatal(err)
		}
		if th := RenderProfile(img, 48, 24, termenv.TrueColor); th.Cols == 0 {
			b.Fatal("empty thumbnail")
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		op()
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	peakHeap(b, op)
}

// BenchmarkReducedDecode_24MP_JPEG is the picker's decode alone since issue 12: the block means
// of a baseline JPEG (no EXIF thumbnail in this file), area-sampled.
func BenchmarkReducedDecode_24MP_JPEG(b *testing.B) {
	p := photo24MP(b)
	info := imagecheck.Inspect(p, 0)
	op := func() {
		img, err := Decode(info)
		if err != nil || img.Bounds().Dx() != SampleSide {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		op()
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	peakHeap(b, op)
}

// BenchmarkFullDecode_24MP is the anchor: image/jpeg's full decode alone.
func BenchmarkFullDecode_24MP(b *testing.B) {
	p := photo24MP(b)
	op := func() {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != 6000 {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		op()
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	peakHeap(b, op)
}

// BenchmarkRender_FromSample_48x24 is the per-resize cost: a cached sample to a thumbnail.
func BenchmarkRender_FromSample_48x24(b *testing.B) {
	img := box(scan(192, 128), 192, 128)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		RenderProfile(img, 48, 24, termenv.TrueColor)
	}
}

// BenchmarkBox_24MP_YCbCr is the downscale alone: 6000×4000 4:2:0 planes to a 192×128 sample.
func BenchmarkBox_24MP_YCbCr(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 6000, 4000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		box(img, 192, 128)
	}
}

// BenchmarkReviewThumbnail_FromSample_36x12 is Review's thumbnail since issue 12: the chosen
// file's sample (picker.ChosenFile.Sample) drawn into Review's 36×12 cells, no decode.
func BenchmarkReviewThumbnail_FromSample_36x12(b *testing.B) {
	img, err := Decode(imagecheck.Inspect(photo24MP(b), 0))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if th := RenderProfile(img, 36, 12, termenv.TrueColor); th.Rows == 0 {
			b.Fatal("empty thumbnail")
		}
	}
}

// BenchmarkReviewThumbnail_Redecode_24MP is the anchor, Review before issue 12: imagecheck.Inspect, a full
// image/jpeg decode of the chosen file, the box filter, the same 36×12 cells.
func BenchmarkReviewThumbnail_Redecode_24MP(b *testing.B) {
	p := photo24MP(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		info := imagecheck.Inspect(p, 0)
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil || info.Refusal != "" {
			b.Fatal(err, info.Refusal)
		}
		if th := RenderProfile(sampleOf(img), 36, 12, termenv.TrueColor); th.Rows == 0 {
			b.Fatal("empty thumbnail")
		}
	}
}

// BenchmarkInspect_24MP_JPEG is the header check plus the structural walk to EOI (the rule for
// "damaged" that run and the picker share).
func BenchmarkInspect_24MP_JPEG(b *testing.B) {
	p := photo24MP(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if info := imagecheck.Inspect(p, 0); info.Refusal != "" {
			b.Fatal(info.Refusal)
		}
	}
}

// BenchmarkReducedDecode_24MP_EXIFThumbnail is the same photo as a camera writes it, with a
// 160×120 EXIF thumbnail: the preview is the thumbnail.
func BenchmarkReducedDecode_24MP_EXIFThumbnail(b *testing.B) {
	whole, err := os.ReadFile(photo24MP(b))
	if err != nil {
		b.Fatal(err)
	}
	data := withEXIFThumbnail(b, whole, jpegBytes(b, scan(160, 107), 80))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		img, err := decodeSample(context.Background(), bytes.NewReader(data), int64(len(data)), "jpeg", 6000, 4000)
		if err != nil || img.Bounds().Dx() != 160 {
			b.Fatal(err, img.Bounds())
		}
	}
}
