package arabic

//go:generate go run ./internal/gen -o tables_gen.go

// class is a Unicode bidirectional character type (UAX #9, table 4).
type class uint8

const (
	classL class = iota
	classR
	classAL
	classEN
	classES
	classET
	classAN
	classCS
	classNSM
	classBN
	classB
	classS
	classWS
	classON
	classLRE
	classLRO
	classRLE
	classRLO
	classPDF
	classLRI
	classRLI
	classFSI
	classPDI
)

type bidiRange struct {
	lo, hi rune
	c      class
}

type bracket struct {
	pair rune
	open bool
}

// joining is an Arabic joining type (ArabicShaping.txt).
type joining uint8

const (
	joinU joining = iota // non-joining
	joinR                // joins the preceding letter only (alef, dal, reh, waw…)
	joinL                // joins the following letter only
	joinD                // dual-joining
	joinC                // join-causing (tatweel, ZWJ)
	joinT                // transparent (harakat)
)

// classOf returns the bidi class of r.
func classOf(r rune) class {
	if r < rune(len(bidiDense)) {
		if r < 0 {
			return classL
		}
		return bidiDense[r]
	}
	lo, hi := 0, len(bidiRanges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < bidiRanges[m].lo:
			hi = m
		case r > bidiRanges[m].hi:
			lo = m + 1
		default:
			return bidiRanges[m].c
		}
	}
	return classL
}

func joiningOf(r rune) joining {
	if r >= 0x0600 && r < 0x0600+rune(len(joiningDense)) {
		return joiningDense[r-0x0600]
	}
	e, _ := find(joiningOther[:], r)
	return e.j
}
