package fullname

import "unicode"

// IsDefaultIgnorable reports Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties:
// Other_Default_Ignorable_Code_Point, format characters and variation selectors, less white space,
// the interlinear annotation characters, the Egyptian hieroglyph format controls and the prepended
// concatenation marks). These draw nothing in a font, but terminals disagree about them: glibc's
// wcwidth gives the soft hyphen a cell, so a value holding some moves every column after it.
func IsDefaultIgnorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case unicode.IsSpace(r):
		return false
	case r >= 0xFFF9 && r <= 0xFFFB, r >= 0x13430 && r <= 0x1343F:
		return false
	case unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return false
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r)
}
