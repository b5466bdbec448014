//go:build !linux && !darwin

package styles

import "os"

// The start-up question is never sent here (Windows consoles, the BSDs): the background is then
// decided by PASSPORT_THEME, COLORFGBG or the dark default, and pictures are half-blocks.
type query struct{}

func send(in, out *os.File, question string) *query { return nil }

func (q *query) finish() (string, bool) { return "", false }

// CellSize is not known here: pictures are drawn with half-blocks or kitty's own scaling.
func CellSize(f *os.File) (w, h int) { return 0, 0 }
