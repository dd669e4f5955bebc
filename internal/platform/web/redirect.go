package web

import (
	"net/url"
	"strings"
)

// MaxNextLen bounds a "where to go afterwards" path. Longer ones are
// dropped, so a huge request URI never becomes a huge Location header.
const MaxNextLen = 2048

// LocalPath returns p when it is a path on this site that is safe to
// redirect to, and "" otherwise. Browsers drop tabs and newlines inside a
// URL and read a backslash as a slash, so "/\t/evil.example" and
// "/\evil.example" would leave the site like "//evil.example": no control
// character or backslash may appear anywhere, and the path must not start
// with two slashes.
func LocalPath(p string) string {
	if len(p) > MaxNextLen || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") ||
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

// SignInURL is where to send a visitor to sign in and come back to back
// afterwards: "/login?next=<back>", or plain "/login" when back is not a
// local path or is longer than MaxNextLen.
func SignInURL(back string) string {
	if LocalPath(back) == "" {
		return "/login"
	}
	// A slash needs no escaping in a query (RFC 3986, 3.4); keeping it
	// keeps the address readable.
	return "/login?next=" + strings.ReplaceAll(url.QueryEscape(back), "%2F", "/")
}
