package catalog_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPosterSVGEscapesTheTitle(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := newMovie(t, b, `<script>alert("x")</script> & Friends`)

	res, body := b.get(t, "/media/posters/"+m.Slug+".svg")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "image/svg+xml", res.Header.Get("Content-Type"))
	require.Equal(t, "public, max-age=3600", res.Header.Get("Cache-Control"))
	require.True(t, strings.HasPrefix(body, "<svg"))
	require.NotContains(t, strings.ToLower(body), "<script")
	require.Contains(t, body, "&lt;SCRIPT&gt;")
	require.Contains(t, body, "PG-13")
	require.Contains(t, body, "2031", "the release year")

	for _, path := range []string{"/media/posters/no-such-movie.svg", "/media/posters/" + m.Slug + ".png"} {
		res, _ := b.get(t, path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
}

func TestUploadedPostersAreCachedByETag(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	m := newMovie(t, b, "The Lantern Keeper")
	img := image.NewRGBA(image.Rect(0, 0, 200, 300))
	img.Set(10, 10, color.RGBA{R: 245, G: 184, B: 46, A: 255})
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	require.NoError(t, b.Catalog.SetPoster(ctx, m.ID, buf.Bytes()))
	m, err := b.Catalog.Movie(ctx, m.ID)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(m.PosterURL(), "/media/images/"))

	res, body := b.get(t, m.PosterURL())
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "image/png", res.Header.Get("Content-Type"))
	require.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"))
	require.Equal(t, buf.Bytes(), []byte(body))
	etag := res.Header.Get("ETag")
	require.Len(t, etag, 66, "a quoted SHA-256")

	res, body = b.get(t, m.PosterURL(), "If-None-Match", etag)
	require.Equal(t, http.StatusNotModified, res.StatusCode)
	require.Empty(t, body)

	res, _ = b.get(t, m.PosterURL(), "If-None-Match", `"stale"`)
	require.Equal(t, http.StatusOK, res.StatusCode)

	res, _ = b.get(t, "/media/images/424242")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}
