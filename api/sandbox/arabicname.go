package sandbox

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkArabicName applies the vendor SDK's rules for fullNameAr and returns what is wrong, or
// "": 2–150 characters; only the Arabic letters U+0621–U+064A, space, '-' and '.'; at least
// one space (two names or more). Harakat (U+064B–U+0652), presentation forms (U+FB50–U+FEFF) and
// bidi controls are all outside the allowed set, as in the SDK.
func checkArabicName(name string) string {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 150 {
		return fmt.Sprintf("The Arabic full name must be between 2 and 150 characters (it has %d).", n)
	}
	for _, r := range name {
		if r >= 0x0621 && r <= 0x064A || r == ' ' || r == '-' || r == '.' {
			continue
		}
		return fmt.Sprintf("The Arabic full name may contain only Arabic letters, spaces, '-' and '.' (found U+%04X).", r)
	}
	if !strings.Contains(name, " ") {
		return "The Arabic full name must contain at least two names separated by a space."
	}
	return ""
}
