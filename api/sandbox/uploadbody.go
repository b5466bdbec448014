package sandbox

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// uploadBody is what the sandbox keeps of an upload request: never the image itself, only
// its hash, its size and its first bytes (enough to read the image header).
type uploadBody struct {
	customerID *string
	hasImage   bool
	imageSize  int64
	sum        [sha256.Size]byte
	head       []byte
	// badBase64 is set when the image string is not valid standard base64.
	badBase64 bool
}

// headBytes is how much of the decoded image is kept for image.DecodeConfig: JPEG markers
// before the frame header (EXIF, ICC) rarely exceed it.
const headBytes = 256 << 10

// errBodySyntax marks a body that is not the JSON object the call expects.
var errBodySyntax = errors.New("the request body is not a valid JSON object")

// readUploadBody walks {customerId?, image} as a stream: the base64 string flows through a
// decoder into a hash, so an upload of tens of megabytes costs a few hundred kilobytes.
func readUploadBody(r io.Reader) (uploadBody, error) {
	var out uploadBody
	j := jsonStream{r: bufio.NewReaderSize(r, 32<<10)}
	if err := j.expect('{'); err != nil {
		return out, err
	}
	first := true
	for {
		c, err := j.next()
		if err != nil {
			return out, err
		}
		if c == '}' {
			break
		}
		if !first {
			if c != ',' {
				return out, errBodySyntax
			}
			if c, err = j.next(); err != nil {
				return out, err
			}
		}
		first = false
		if c != '"' {
			return out, errBodySyntax
		}
		key, err := j.smallString(256)
		if err != nil {
			return out, err
		}
		if err := j.expect(':'); err != nil {
			return out, err
		}
		c, err = j.next()
		if err != nil {
			return out, err
		}
		switch {
		case strings.EqualFold(key, "image") && c == '"':
			out.hasImage = true
			if err := out.readImage(&j); err != nil {
				return out, err
			}
		case strings.EqualFold(key, "customerId") && c == '"':
			id, err := j.smallString(4096)
			if err != nil {
				return out, err
			}
			out.customerID = &id
		default:
			if err := j.skipValue(c, 0); err != nil {
				return out, err
			}
		}
	}
	// Nothing but white space may follow the object.
	if c, err := j.nonSpace(); err != io.EOF {
		if err != nil {
			return out, err
		}
		return out, fmt.Errorf("%w: unexpected %q after the object", errBodySyntax, c)
	}
	return out, nil
}

func (u *uploadBody) readImage(j *jsonStream) error {
	sink := &imageSink{h: sha256.New()}
	str := &stringReader{j: j}
	_, err := io.Copy(sink, base64.NewDecoder(base64.StdEncoding, str))
	var corrupt base64.CorruptInputError
	// A string that ends in the middle of a base64 quantum is as unreadable as a bad byte.
	if errors.As(err, &corrupt) || errors.Is(err, io.ErrUnexpectedEOF) && str.done {
		u.badBase64 = true
		// Read to the string's end so the rest of the object still parses.
		if _, err := io.Copy(io.Discard, str); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	u.imageSize = sink.n
	u.head = sink.head
	copy(u.sum[:], sink.h.Sum(nil))
	return nil
}

type imageSink struct {
	h    hash.Hash
	head []byte
	n    int64
}

func (s *imageSink) Write(p []byte) (int, error) {
	s.h.Write(p)
	if s.head == nil {
		s.head = make([]byte, 0, headBytes)
	}
	if room := headBytes - len(s.head); room > 0 {
		s.head = append(s.head, p[:min(room, len(p))]...)
	}
	s.n += int64(len(p))
	return len(p), nil
}

// jsonStream is the little JSON reader the upload needs: enough to walk one flat object and
// skip whatever else a client adds, without ever holding a whole value.
type jsonStream struct{ r *bufio.Reader }

func (j *jsonStream) nonSpace() (byte, error) {
	for {
		c, err := j.r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c, nil
	}
}

// next is nonSpace inside a value, where the end of the body is a syntax error.
func (j *jsonStream) next() (byte, error) {
	c, err := j.nonSpace()
	if err == io.EOF {
		return 0, fmt.Errorf("%w: it ends early", errBodySyntax)
	}
	return c, err
}

func (j *jsonStream) expect(want byte) error {
	c, err := j.next()
	if err != nil {
		return err
	}
	if c != want {
		return fmt.Errorf("%w: expected %q, found %q", errBodySyntax, want, c)
	}
	return nil
}

// smallString reads the rest of a string whose opening quote was consumed, up to limit bytes.
func (j *jsonStream) smallString(limit int64) (string, error) {
	var b bytes.Buffer
	n, err := io.Copy(&b, io.LimitReader(&stringReader{j: j}, limit+1))
	if err != nil {
		return "", err
	}
	if n > limit {
		return "", fmt.Errorf("%w: a string is longer than %d bytes", errBodySyntax, limit)
	}
	return b.String(), nil
}

// skipValue reads past one value whose first byte is c.
func (j *jsonStream) skipValue(c byte, depth int) error {
	if depth > 64 {
		return fmt.Errorf("%w: nested too deeply", errBodySyntax)
	}
	switch c {
	case '"':
		_, err := io.Copy(io.Discard, &stringReader{j: j})
		return err
	case '{', '[':
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		for {
			c, err := j.next()
			if err != nil {
				return err
			}
			switch c {
			case closing:
				return nil
			case ',', ':':
				continue
			}
			if err := j.skipValue(c, depth+1); err != nil {
				return err
			}
		}
	default:
		// A number or a literal: read up to the next delimiter.
		if !strings.ContainsRune("-0123456789tfn", rune(c)) {
			return fmt.Errorf("%w: unexpected %q", errBodySyntax, c)
		}
		for {
			c, err := j.r.ReadByte()
			if err == io.EOF {
				return fmt.Errorf("%w: it ends early", errBodySyntax)
			}
			if err != nil {
				return err
			}
			if strings.ContainsRune(",}] \t\r\n", rune(c)) {
				return j.r.UnreadByte()
			}
		}
	}
}

// specialInString is what ends a run of plain bytes inside a JSON string.
const specialInString = "\"\\\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"

// stringReader yields a JSON string's content with escapes resolved, then io.EOF at the
// closing quote. .NET's encoder writes '+' as \u002B inside base64, so escapes matter here.
type stringReader struct {
	j       *jsonStream
	pending []byte
	done    bool
}

func (s *stringReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.pending) > 0 {
			c := copy(p[n:], s.pending)
			s.pending = s.pending[c:]
			n += c
			continue
		}
		if s.done {
			break
		}
		if n > 0 && s.j.r.Buffered() == 0 {
			break // return what we have rather than block on the network
		}
		if _, err := s.j.r.Peek(1); err == io.EOF {
			return n, fmt.Errorf("%w: a string is not closed", errBodySyntax)
		} else if err != nil {
			return n, err
		}
		// Copy the run of plain bytes in bulk, up to a quote, a backslash or a control byte.
		buf, _ := s.j.r.Peek(s.j.r.Buffered())
		buf = buf[:min(len(buf), len(p)-n)]
		k := bytes.IndexAny(buf, specialInString)
		if k < 0 {
			k = len(buf)
		}
		if k > 0 {
			copy(p[n:], buf[:k])
			_, _ = s.j.r.Discard(k)
			n += k
			continue
		}
		c, _ := s.j.r.ReadByte()
		switch {
		case c == '"':
			s.done = true
		case c == '\\':
			if err := s.escape(); err != nil {
				return n, err
			}
		default:
			return n, fmt.Errorf("%w: a control character inside a string", errBodySyntax)
		}
	}
	if n == 0 && s.done && len(s.pending) == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (s *stringReader) escape() error {
	c, err := s.j.r.ReadByte()
	if err != nil {
		return fmt.Errorf("%w: a string is not closed", errBodySyntax)
	}
	simple := map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
	if v, ok := simple[c]; ok {
		s.pending = append(s.pending, v)
		return nil
	}
	if c != 'u' {
		return fmt.Errorf("%w: invalid escape \\%c", errBodySyntax, c)
	}
	r1, err := s.hex4()
	if err != nil {
		return err
	}
	r := rune(r1)
	if utf16.IsSurrogate(r) {
		// A surrogate pair is two escapes: \uD83D\uDE00.
		if b, _ := s.j.r.Peek(2); string(b) == `\u` {
			_, _ = s.j.r.Discard(2)
			r2, err := s.hex4()
			if err != nil {
				return err
			}
			r = utf16.DecodeRune(r, rune(r2))
		} else {
			r = utf8.RuneError
		}
	}
	s.pending = utf8.AppendRune(s.pending, r)
	return nil
}

func (s *stringReader) hex4() (uint64, error) {
	var b [4]byte
	if _, err := io.ReadFull(s.j.r, b[:]); err != nil {
		return 0, fmt.Errorf("%w: a string is not closed", errBodySyntax)
	}
	v, err := strconv.ParseUint(string(b[:]), 16, 32)
	if err != nil {
		return 0, fmt.Errorf("%w: invalid \\u escape", errBodySyntax)
	}
	return v, nil
}
