//go:build !linux

package picker

import (
	"io"
	"io/fs"
	"os"
)

// scanDir calls add for every name in dir with its type from the directory entry (no stat).
func scanDir(dir string, add func(name string, t fs.FileMode)) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	for {
		des, err := f.ReadDir(4096)
		for _, de := range des {
			add(de.Name(), de.Type())
		}
		if err != nil || len(des) == 0 {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}
