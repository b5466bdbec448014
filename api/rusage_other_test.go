//go:build !unix

package api_test

import "time"

func processCPU() time.Duration { return 0 }

func maxRSS() int64 { return 0 }
