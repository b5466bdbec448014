package styles

import "strings"

// GraphicsFrom reads a terminal's answers to the start-up question (they may come with others:
// the background, the cursor position) and says how it draws pictures: Kitty when it answered
// the kitty query (ESC _ G i=31 ; OK ESC \), else Sixel when its device attributes
// (ESC [ ? … c) list 4, else HalfBlocks. A terminal that speaks both gets kitty: it scales the
// picture itself and keeps every colour.
func GraphicsFrom(answer string) Graphics {
	if kittyAnswered(answer) {
		return Kitty
	}
	if attrs, ok := deviceAttributes(answer); ok {
		for _, a := range strings.Split(attrs, ";") {
			if a == "4" {
				return Sixel
			}
		}
	}
	return HalfBlocks
}

// kittyAnswered reports whether answer holds the kitty protocol's OK to the query for image 31.
// An error answer (ESC _ G i=31 ; ENOTSUPPORTED:… ESC \) is a no.
func kittyAnswered(answer string) bool {
	for rest := answer; ; {
		i := strings.Index(rest, "\x1b_G")
		if i < 0 {
			return false
		}
		rest = rest[i+3:]
		end := strings.Index(rest, "\x1b\\")
		if end < 0 {
			return false
		}
		keys, msg, _ := strings.Cut(rest[:end], ";")
		if msg == "OK" && hasKey(keys, "i=31") {
			return true
		}
		rest = rest[end:]
	}
}

func hasKey(keys, kv string) bool {
	for _, k := range strings.Split(keys, ",") {
		if k == kv {
			return true
		}
	}
	return false
}

// deviceAttributes finds the primary device attributes answer, ESC [ ? Ps;…;Ps c, and returns
// its parameters.
func deviceAttributes(answer string) (string, bool) {
	for rest := answer; ; {
		i := strings.Index(rest, "\x1b[?")
		if i < 0 {
			return "", false
		}
		rest = rest[i+3:]
		j := 0
		for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == ';') {
			j++
		}
		if j < len(rest) && rest[j] == 'c' {
			return rest[:j], true
		}
	}
}
