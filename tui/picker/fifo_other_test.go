//go:build !unix

package picker

import "errors"

func mkfifo(string) error { return errors.ErrUnsupported }
