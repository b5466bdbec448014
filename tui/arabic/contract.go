// Package arabic owns Arabic text: the normalised value that is stored and sent, its validation
// with the API's rules, and how a line is drawn in each display mode (bidi reordering, shaping).
package arabic

// CONTRACT STUB — the arabic helper replaces this file (same names and signatures).

// Mode is how right-to-left text is drawn.
type Mode int

const (
	ModeTerminal Mode = iota // print logical order; the terminal reorders (VTE, Konsole, Apple Terminal, mintty)
	ModeApp                  // reorder (UAX #9) and shape ourselves
	ModeOff                  // print logical order, no help at all
)

func (m Mode) String() string { return [...]string{"terminal", "app", "off"}[m] }

// ParseMode reads "terminal", "app" or "off".
func ParseMode(s string) (Mode, error) { return ModeTerminal, nil }

// GuessMode picks a default from the terminal's environment variables.
func GuessMode(getenv func(string) string) Mode { return ModeTerminal }

// Normalize is the one function used wherever a name is stored or sent. Idempotent.
func Normalize(s string) string { return s }

// Check is the result of Validate: Err is a sentence naming the offending character and its
// place, empty when the value is acceptable; Warning is advice (e.g. fewer than three names).
type Check struct {
	Err     string
	Warning string
}

func (c Check) OK() bool { return c.Err == "" }

// Validate applies the API's rules to a normalised value.
func Validate(s string) Check { return Check{} }

// Display renders one logical line for drawing in mode m (only the drawn string changes).
func Display(line string, m Mode) string { return line }

// Clean strips terminal control sequences, C0/C1 controls and bidi controls from a value that
// came from the server or the file system, so it can never move the cursor or reorder the screen.
func Clean(s string) string { return s }

// HasRTL reports whether s holds any right-to-left character.
func HasRTL(s string) bool { return false }
