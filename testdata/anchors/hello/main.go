// Command hello is the start-up floor of a Go program on this machine: it prints one line.
package main

import "os"

func main() { os.Stdout.WriteString("Applicant ID\n") }
