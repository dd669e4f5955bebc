package web

import (
	"net/url"
	"strings"
)

// LocalPath returns p when it is a path on this site that is safe to
// redirect to, and "" otherwise. Browsers drop tabs and newlines inside a
// URL and read a backslash as a slash, so "/\t/evil.example" and
// "/\evil.example" would leave the site like "//evil.example": no control
// character or backslash may appear anywhere, and the path must not start
// with two slashes.
func LocalPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") ||
		strings.ContainsRune(p, '\\') ||
		strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\uFFFD' }) {
		return ""
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return ""
	}
	return p
}
