//go:build !unix

package picker

func isNotDir(error) bool { return false }
