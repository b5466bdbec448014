package arabic

// visualOrder returns the indices of runes in visual (left-to-right) order for paragraph direction
// dir, leaving out the runes UAX #9 rule X9 removes, reordering rune by rune (no grapheme clusters):
// the order BidiCharacterTest.txt states.
func visualOrder(runes []rune, dir Direction) (order []int, levels []uint8, paraLevel uint8) {
	p := newParagraph(runes, dir)
	var kept []uint8
	for i, c := range p.initial {
		if !isRemovedByX9(c) {
			order = append(order, i)
			kept = append(kept, p.levels[i])
		}
	}
	reverseRuns(kept, order)
	return order, p.levels, p.level
}
