package web_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/web"
)

func TestLocalPathKeepsOnlyPathsOnThisSite(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"/", "/"},
		{"/theaters", "/theaters"},
		{"/shows/12/seats?seats=A1,A2", "/shows/12/seats?seats=A1,A2"},
		{"/search?q=a%2Fb#top", "/search?q=a%2Fb#top"},
		{"/%2F/evil.example", "/%2F/evil.example"}, // a path segment, not a host
		{"", ""},
		{"theaters", ""},
		{"https://evil.example/", ""},
		{"//evil.example", ""},
		{"///evil.example", ""},
		{"/\\evil.example", ""},
		{"\\\\evil.example", ""},
		{"/a\\b", ""},
		{"/\t/evil.example", ""},
		{"/\n/evil.example", ""},
		{"/\r/evil.example", ""},
		{"/\r\nSet-Cookie: x=1", ""},
		{"/\x00", ""},
		{"/\x7f/evil.example", ""},
		{"\t//evil.example", ""},
		{" //evil.example", ""},
		{"/" + strings.Repeat("a", web.MaxNextLen), ""},
	} {
		require.Equal(t, tc.want, web.LocalPath(tc.in), "LocalPath(%q)", tc.in)
	}
}

func TestSignInURLComesBackOnlyToShortLocalPaths(t *testing.T) {
	t.Parallel()
	require.Equal(t, "/login?next=/admin", web.SignInURL("/admin"))
	require.Equal(t, "/login?next=/waiting/3%3Fnext%3D/shows/12/seats%26x%3D1", web.SignInURL("/waiting/3?next=/shows/12/seats&x=1"),
		"the whole way back is one parameter")
	require.Equal(t, "/login", web.SignInURL("//evil.example"))
	require.Equal(t, "/login", web.SignInURL("/account?q="+strings.Repeat("x", 100<<10)),
		"a 100 KB address is not copied into the Location header")
}
