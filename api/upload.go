package api

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// UploadRequest is one passport image to upload. Image is read once, streamed through base64
// into the request body; Size must be its exact length (Content-Length is computed up front).
type UploadRequest struct {
	CustomerID string
	Image      io.Reader
	Size       int64
	// Progress, if set, is called with the image bytes sent so far and Size: at the start,
	// about every 1% (at least 64 KiB apart), and once with sent == Size. It runs on the
	// transport's goroutine, so it must not block and must be safe to call from there.
	Progress func(sent, total int64)
}

// errImageLength marks an image reader that yields fewer or more bytes than its Size.
var errImageLength = errors.New("image length differs from its size")

// uploadRawChunk is how much of the image is read from the file at a time; a multiple of 3 so
// only the very end of the image needs base64 padding. It is the upload's whole buffer.
const uploadRawChunk = 3 << 16

// uploadBody is a pull reader producing {"customerId":…,"image":"<base64>"} from the image
// without a goroutine: each Read encodes the next piece of the image straight into the
// caller's buffer. Nothing but one chunk of the file is ever held.
type uploadBody struct {
	prefix, suffix []byte
	img            io.Reader
	size           int64
	length         int64 // the body's exact length, for Content-Length

	progress     func(sent, total int64)
	lastReported int64
	step         int64

	read           int64 // image bytes consumed from the reader
	stage          int   // 0 prefix, 1 image, 2 suffix, 3 done
	raw            []byte
	rawPos, rawEnd int // raw[rawPos:rawEnd] is read but not yet encoded
	pending        []byte
	quantum        [4]byte // one base64 quantum, when the caller's buffer is tiny

	mu      sync.Mutex
	err     error // a failure of the image reader (reported instead of the transport's error)
	stopped bool
}

func newUploadBody(r UploadRequest) *uploadBody {
	prefix := []byte(`{"image":"`)
	if r.CustomerID != "" {
		id, _ := json.Marshal(r.CustomerID)
		prefix = append(append([]byte(`{"customerId":`), id...), `,"image":"`...)
	}
	suffix := []byte(`"}`)
	return &uploadBody{
		prefix:   prefix,
		suffix:   suffix,
		img:      r.Image,
		size:     r.Size,
		length:   int64(len(prefix)) + int64(base64.StdEncoding.EncodedLen(int(r.Size))) + int64(len(suffix)),
		progress: r.Progress,
		step:     max(r.Size/100, 64<<10),
	}
}

func (b *uploadBody) Read(p []byte) (int, error) {
	for {
		if len(b.pending) > 0 {
			n := copy(p, b.pending)
			b.pending = b.pending[n:]
			return n, nil
		}
		b.mu.Lock()
		stopped, failed := b.stopped, b.err
		b.mu.Unlock()
		if failed != nil {
			return 0, failed
		}
		if stopped {
			return 0, errors.New("upload finished")
		}
		switch b.stage {
		case 0:
			b.pending, b.stage = b.prefix, 1
			b.report()
		case 1:
			if b.rawPos == b.rawEnd {
				if err := b.fill(); err != nil {
					b.fail(err)
					return 0, err
				}
				continue
			}
			avail := b.rawEnd - b.rawPos
			last := b.read == b.size // nothing more to read after this buffer
			n := min(avail, len(p)/4*3)
			if n < avail || !last {
				n -= n % 3 // padding only at the very end
			}
			if n == 0 {
				// A buffer under 4 bytes: encode one quantum aside.
				q := min(avail, 3)
				if q < 3 && !last {
					q = 0
				}
				base64.StdEncoding.Encode(b.quantum[:], b.raw[b.rawPos:b.rawPos+q])
				b.rawPos += q
				b.pending = b.quantum[:base64.StdEncoding.EncodedLen(q)]
				continue
			}
			base64.StdEncoding.Encode(p, b.raw[b.rawPos:b.rawPos+n])
			b.rawPos += n
			return base64.StdEncoding.EncodedLen(n), nil
		case 2:
			b.pending, b.stage = b.suffix, 3
		default:
			return 0, io.EOF
		}
	}
}

// fill reads the next chunk of the image, or, at Size, checks the reader is exhausted and
// moves on to the suffix.
func (b *uploadBody) fill() error {
	left := b.size - b.read
	if left <= 0 {
		var one [1]byte
		n, err := io.ReadFull(b.img, one[:])
		if n > 0 {
			return fmt.Errorf("%w: the file is longer than the %d bytes expected", errImageLength, b.size)
		}
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return err
		}
		b.stage = 2
		b.report()
		return nil
	}
	if b.raw == nil {
		b.raw = make([]byte, min(int64(uploadRawChunk), left))
	}
	want := int(min(int64(len(b.raw)), left))
	n, err := io.ReadFull(b.img, b.raw[:want])
	b.read += int64(n)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%w: read %d of %d bytes", errImageLength, b.read, b.size)
	}
	if err != nil {
		return err
	}
	b.rawPos, b.rawEnd = 0, n
	if b.read-b.lastReported >= b.step {
		b.report()
	}
	return nil
}

func (b *uploadBody) report() {
	if b.progress != nil {
		b.lastReported = b.read
		b.progress(b.read, b.size)
	}
}

func (b *uploadBody) fail(err error) {
	b.mu.Lock()
	if b.err == nil {
		b.err = err
	}
	b.mu.Unlock()
}

func (b *uploadBody) failure() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// stop makes later Reads fail, so a transport still writing after the answer arrived (a server
// may answer 413 before reading everything) stops reading the file and calling Progress.
func (b *uploadBody) stop() {
	b.mu.Lock()
	b.stopped = true
	b.mu.Unlock()
}

// Close lets the transport close the body; the image reader belongs to the caller.
func (b *uploadBody) Close() error { return nil }
