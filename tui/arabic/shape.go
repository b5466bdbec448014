package arabic

// Shaping (ARABIC.md): letters are joined in LOGICAL order, before reordering, as FriBidi does;
// shaping text that is already reordered is ambiguous (ZWJ, ZWNJ and stray harakat land on the wrong
// side). The forms come from tables generated from ArabicShaping.txt and UnicodeData.txt.

const lam = 0x0644

// Form indices into presentationForms.
const (
	formIsolated = iota
	formFinal
	formInitial
	formMedial
)

// shape replaces the Arabic letters of runes (logical order) with their contextual presentation forms
// and lam-alef ligatures. levels are the runes' embedding levels (nil: all equal); letters join only
// within one level, as in FriBidi. It returns the new runes and their levels (a ligature takes the
// lam's level and drops the alef).
func shape(runes []rune, levels []uint8) ([]rune, []uint8) {
	out, outLevels, _ := shapeFrom(runes, levels, false)
	return out, outLevels
}

// shapeFrom is shape that also returns, when from is asked for, the index of the rune each output
// rune was made from (a lam-alef ligature: the lam's), so a caller can map what is drawn back to
// the logical text.
func shapeFrom(runes []rune, levels []uint8, wantFrom bool) ([]rune, []uint8, []int) {
	n := len(runes)
	var from []int
	if wantFrom {
		from = make([]int, 0, n)
	}
	jt := make([]joining, n)
	any := false
	for i, r := range runes {
		jt[i] = joiningOf(r)
		if jt[i] == joinD || jt[i] == joinR || jt[i] == joinL {
			any = true
		}
	}
	if !any {
		if wantFrom {
			for i := range runes {
				from = append(from, i)
			}
		}
		return runes, levels, from
	}
	// Characters X9 removes (ZWJ, ZWNJ are BN) match any level, as FriBidi's
	// FRIBIDI_CONSISTENT_LEVEL has it.
	sameLevel := func(a, b int) bool {
		return levels == nil || levels[a] == levels[b] ||
			isRemovedByX9(classOf(runes[a])) || isRemovedByX9(classOf(runes[b]))
	}
	// prev[i] and next[i]: the nearest non-transparent neighbours of i, or -1.
	nbuf := make([]int32, 2*n)
	prev, next := nbuf[:n:n], nbuf[n:]
	last := int32(-1)
	for i := range runes {
		prev[i] = last
		if jt[i] != joinT {
			last = int32(i)
		}
	}
	last = -1
	for i := n - 1; i >= 0; i-- {
		next[i] = last
		if jt[i] != joinT {
			last = int32(i)
		}
	}
	joinsPrev := func(i int) bool {
		p := int(prev[i])
		return (jt[i] == joinR || jt[i] == joinD || jt[i] == joinC) && p >= 0 &&
			(jt[p] == joinL || jt[p] == joinD || jt[p] == joinC) && sameLevel(p, i)
	}
	joinsNext := func(i int) bool {
		x := int(next[i])
		return (jt[i] == joinL || jt[i] == joinD || jt[i] == joinC) && x >= 0 &&
			(jt[x] == joinR || jt[x] == joinD || jt[x] == joinC) && sameLevel(i, x)
	}
	out := make([]rune, 0, n)
	var outLevels []uint8
	if levels != nil {
		outLevels = make([]uint8, 0, n)
	}
	for i := 0; i < n; i++ {
		r := runes[i]
		if wantFrom {
			from = append(from, i)
		}
		if jt[i] == joinT || jt[i] == joinU {
			out = append(out, r)
			if levels != nil {
				outLevels = append(outLevels, levels[i])
			}
			continue
		}
		jp := joinsPrev(i)
		// Lam directly followed by an alef (no haraka between: a haraka on the lam prevents the
		// ligature, as in FriBidi) becomes one ligature.
		if r == lam && i+1 < n && sameLevel(i, i+1) {
			if lig, ok := lamAlefOf(runes[i+1]); ok {
				form := lig[formIsolated]
				if jp && lig[formFinal] != 0 {
					form = lig[formFinal]
				}
				out = append(out, form)
				if levels != nil {
					outLevels = append(outLevels, levels[i])
				}
				i++
				continue
			}
		}
		f := formIsolated
		switch jn := joinsNext(i); {
		case jp && jn:
			f = formMedial
		case jp:
			f = formFinal
		case jn:
			f = formInitial
		}
		if forms := formsOf(r); forms[f] != 0 {
			r = forms[f]
		}
		out = append(out, r)
		if levels != nil {
			outLevels = append(outLevels, levels[i])
		}
	}
	return out, outLevels, from
}

func formsOf(r rune) [4]rune {
	if r >= 0x0600 && r < 0x0700 {
		return formsDense[r-0x0600]
	}
	e, _ := find(presentationForms[:], r)
	return e.forms
}

// Shape joins the Arabic letters of a logical-order string into their contextual presentation forms
// (isolated, initial, medial, final, lam-alef ligatures) without reordering. Display uses it between
// level resolution and reordering; it is exported for tests and callers that reorder themselves.
func Shape(s string) string {
	out, _ := shape([]rune(s), nil)
	return string(out)
}
