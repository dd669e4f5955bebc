package catalog_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog/demo"
)

// BenchmarkPublicPages measures the server time of the busiest public pages
// (full HTTP round trip through the real middleware, on loopback) with the
// demo catalogue, and with 10,000 extra movies and 200,000 extra shows.
//
//	go test -run '^$' -bench PublicPages -benchtime 200x ./internal/catalog/
func BenchmarkPublicPages(b *testing.B) {
	for _, scale := range []struct {
		name          string
		movies, shows int
	}{{"demo", 0, 0}, {"10k-movies-200k-shows", 10_000, 200_000}} {
		b.Run(scale.name, func(b *testing.B) {
			ctx := context.Background()
			tb := setup(b)
			_, err := demo.Load(ctx, tb.Catalog, tb.now)
			require.NoError(b, err)
			if scale.movies > 0 {
				_, err := demo.Scale(ctx, tb.Pool, scale.movies, scale.shows, tb.now)
				require.NoError(b, err)
			}
			cards, err := tb.Catalog.NowShowing(ctx, "london")
			require.NoError(b, err)
			require.NotEmpty(b, cards)
			theaters, err := tb.Catalog.Theaters(ctx, "london")
			require.NoError(b, err)
			pages := map[string]string{
				"home":    "/",
				"movie":   "/movies/" + cards[0].Slug,
				"theater": "/theaters/" + theaters[0].Slug,
			}
			for name, path := range pages {
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						fetch(b, tb.URL+path)
					}
				})
			}
		})
	}
}

func fetch(b *testing.B, url string) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(b, err)
	req.AddCookie(&http.Cookie{Name: "city", Value: "london"})
	res, err := http.DefaultClient.Do(req)
	require.NoError(b, err)
	_, err = io.Copy(io.Discard, res.Body)
	require.NoError(b, err)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.Fatalf("%s: %s", url, res.Status)
	}
}
