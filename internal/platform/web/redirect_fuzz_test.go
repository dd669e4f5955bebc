package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// FuzzLocalPath feeds "next" values to LocalPath, the one check of every
// redirect target we honour, and to SignInURL: a kept path is the value
// itself, at most MaxNextLen bytes, starting with exactly one slash, with
// no control character (those browsers strip: C0 and DEL) or backslash,
// and a browser resolving it (with tabs and newlines dropped, as browsers
// do) stays on this site; SignInURL carries it there and back unchanged.
func FuzzLocalPath(f *testing.F) {
	for _, seed := range []string{"/", "/movies/lantern?city=london#shows", "//evil.example", "/\t/evil.example", "/%09/evil.example",
		"/\\evil.example", "\\/evil.example", "https://evil.example/", "/\r\n/evil.example", "/\x00", "/\x7f", "/\u0085/x",
		"/\xff/x", " /x", "/x y", "/..//evil.example", "/./", "/@evil.example", "/:8080", "javascript:alert(1)",
		"/" + strings.Repeat("a", web.MaxNextLen), "", "/?next=//evil.example"} {
		f.Add(seed)
	}
	site, _ := url.Parse("https://marquee.example/login")
	f.Fuzz(func(t *testing.T, next string) {
		got := web.LocalPath(next)
		if got == "" {
			if web.SignInURL(next) != "/login" {
				t.Fatalf("SignInURL(%q) = %q, though LocalPath refuses it", next, web.SignInURL(next))
			}
			return
		}
		if got != next || len(got) > web.MaxNextLen || !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") {
			t.Fatalf("LocalPath(%q) = %q", next, got)
		}
		for i := 0; i < len(got); i++ {
			if c := got[i]; c < 0x20 || c == 0x7f || c == '\\' {
				t.Fatalf("LocalPath(%q) keeps byte %q", next, c)
			}
		}
		// What a browser does with a Location header: drop tabs and
		// newlines, then resolve against the page.
		seen := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(got)
		ref, err := url.Parse(seen)
		if err != nil {
			t.Fatalf("LocalPath(%q) = %q, which does not parse: %v", next, got, err)
		}
		if to := site.ResolveReference(ref); to.Scheme != "https" || to.Host != "marquee.example" || to.User != nil {
			t.Fatalf("LocalPath(%q) = %q leads to %s", next, got, to)
		}
		in, err := url.Parse(web.SignInURL(next))
		if err != nil || in.Path != "/login" || in.Query().Get("next") != next || len(in.Query()["next"]) != 1 {
			t.Fatalf("SignInURL(%q) = %q does not carry it back (%v)", next, web.SignInURL(next), err)
		}
	})
}
