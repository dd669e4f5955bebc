package web_test

import (
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
	} {
		require.Equal(t, tc.want, web.LocalPath(tc.in), "LocalPath(%q)", tc.in)
	}
}
