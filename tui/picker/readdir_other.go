//go:build !linux

package picker

import (
	"io/fs"
	"os"
)

// scanDir reads every name in dir and returns how many there are and a function that visits
// each with its type from the directory entry (no stat).
func scanDir(dir string) (int, func(add func(name string, t fs.FileMode)), error) {
	des, err := os.ReadDir(dir)
	return len(des), func(add func(string, fs.FileMode)) {
		for _, de := range des {
			add(de.Name(), de.Type())
		}
	}, err
}
