package api

import "sync"

// secretSet is every secret a client has handled: the tenant secret, each password sent, each
// session token. It is shared by a client and all its WithToken copies, so a server that echoes
// a secret from an earlier call (the tenant secret in a VerifyPassword error, the password in an
// Approve error) still never gets it shown or logged.
type secretSet struct {
	mu   sync.Mutex
	seen map[string]bool
	all  []string
	red  redactor
}

func newSecretSet() *secretSet { return &secretSet{seen: map[string]bool{}} }

// add remembers secrets; the empty string and repeats are ignored.
func (s *secretSet) add(secrets ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	grown := false
	for _, v := range secrets {
		if v != "" && !s.seen[v] {
			s.seen[v] = true
			s.all = append(s.all, v)
			grown = true
		}
	}
	if grown {
		s.red = newRedactor(s.all...)
	}
}

func (s *secretSet) redactor() redactor {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.red
}

// Redact replaces every secret this client (or any of its WithToken copies) has handled with
// "[redacted]", in each spelling a server might echo it. Front ends pass it any text that came
// from outside before showing, logging or storing it.
func (c *Client) Redact(s string) string { return c.secrets.redactor().apply(s) }
