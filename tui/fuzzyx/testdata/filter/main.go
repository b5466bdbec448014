// Command filter is the picker's search as a whole process, for comparing like for like with
// `fzf --filter`: it reads a list of paths from stdin, builds the index and prints the best 200
// matches of one query, as the picker would show them.
//
//	go build -o /tmp/filter ./tui/fuzzyx/testdata/filter
//	/tmp/filter passport < list100k.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"example.com/passport-update/tui/fuzzyx"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: filter QUERY < LIST")
		os.Exit(2)
	}
	var entries []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		entries = append(entries, strings.Clone(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	for _, m := range fuzzyx.NewIndex(entries).Top(os.Args[1], 200) {
		fmt.Fprintln(w, m.Str)
	}
	w.Flush()
}
