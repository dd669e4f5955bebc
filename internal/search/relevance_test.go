package search_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/search"
)

// TestRelevance runs fixed queries against the demo catalogue, each
// expecting a movie among the first three results (or no result at all).
func TestRelevance(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sciFi := []string{"Orbit of Ash", "Signal from Kepler's Gate", "The Last Cartographer", "Low Tide Protocol", "Antariksh 2089", "Yoake no Kikai"}
	// Every horror film matches "horror" as well as the next: which comes
	// first depends on the day's showtimes and popularity.
	horror := []string{"Hollow Pines", "The Quiet Tenant", "Haveli No. 13", "La Casa de los Relojes Callados", "The Well at Dusk"}
	// Films made in Tamil: one of them leads "tamil" (which one follows the
	// day's shows; films dubbed into Tamil may come between).
	tamil := []string{"Kaaval Kottai", "Nila Paadum Paattu", "Irul Veedhi", "Pon Vaanam"}
	thrillers := []string{"Orbit of Ash", "Low Tide Protocol", "Velvet Knives", "Toofan Express", "Dhuaan Aur Dhadkan", "Irul Veedhi",
		"Kayal Kaattu", "Frontera de Polvo", "Hangang Midnight"}
	cases := []struct {
		name   string
		q      search.Query
		expect string // "" expects no result
		// or, for broad words, any of these (every matching movie qualifies)
		anyOf []string
	}{
		// Exact titles.
		{"exact title", search.Query{Text: "The Lantern Keeper", City: "london"}, "The Lantern Keeper", nil},
		{"exact title lower case", search.Query{Text: "orbit of ash", City: "london"}, "Orbit of Ash", nil},
		{"exact title with punctuation", search.Query{Text: "Gupta & Sons Detective Agency", City: "mumbai"}, "Gupta & Sons Detective Agency", nil},
		{"exact title with accents", search.Query{Text: "Hoshizora Yūbinkyoku", City: "london"}, "Hoshizora Yūbinkyoku", nil},
		{"title without its accents", search.Query{Text: "hoshizora yubinkyoku", City: "london"}, "Hoshizora Yūbinkyoku", nil},
		{"title of a coming-soon movie", search.Query{Text: "Signal from Kepler's Gate", City: "london"}, "Signal from Kepler's Gate", nil},
		{"non-English title", search.Query{Text: "Baarish Ke Baad", City: "mumbai"}, "Baarish Ke Baad", nil},
		// One or two typos.
		{"one typo", search.Query{Text: "lantern keper", City: "london"}, "The Lantern Keeper", nil},
		{"two typos", search.Query{Text: "lanturn keper", City: "london"}, "The Lantern Keeper", nil},
		{"typo in a short title", search.Query{Text: "hollow pins", City: "london"}, "Hollow Pines", nil},
		{"swapped letters", search.Query{Text: "velvet kinves", City: "london"}, "Velvet Knives", nil},
		{"typo in a Hindi title", search.Query{Text: "toofan expres", City: "mumbai"}, "Toofan Express", nil},
		{"typo in a Spanish title", search.Query{Text: "bicicletas de dona rosaro", City: "london"}, "Las Bicicletas de Doña Rosario", nil},
		// Partial words.
		{"partial word", search.Query{Text: "cartogr", City: "london"}, "The Last Cartographer", nil},
		{"partial words", search.Query{Text: "quiet ten", City: "london"}, "The Quiet Tenant", nil},
		{"first word only", search.Query{Text: "Hangang", City: "london"}, "Hangang Midnight", nil},
		{"partial second word", search.Query{Text: "iron merid", City: "london"}, "Iron Meridian", nil},
		// People.
		{"actor", search.Query{Text: "Imogen Sallow", City: "london"}, "The Lantern Keeper", nil},
		{"actor surname", search.Query{Text: "Castellane", City: "london"}, "Orbit of Ash", nil},
		{"director", search.Query{Text: "Harriet Quayle", City: "london"}, "The Last Cartographer", nil},
		{"director with accents", search.Query{Text: "Alvaro Izquierdo-Sanz", City: "london"}, "La Casa de los Relojes Callados", nil},
		{"actor with a typo", search.Query{Text: "Vikrant Sehgall", City: "mumbai"}, "Toofan Express", nil},
		// Genres and languages.
		{"genre", search.Query{Text: "horror", City: "london"}, "", horror},
		{"genre with a typo", search.Query{Text: "horor", City: "london"}, "", horror},
		{"genre alias", search.Query{Text: "sci-fi", City: "london"}, "", sciFi},
		{"documentary", search.Query{Text: "documentary", City: "london"}, "Saltwater Choir", nil},
		{"language", search.Query{Text: "korean", City: "london"}, "Hangang Midnight", nil},
		{"language Tamil", search.Query{Text: "tamil", City: "mumbai"}, "", tamil},
		// Query with filters.
		{"word and genre filter", search.Query{Text: "midnight", City: "london", Genres: []string{"Crime"}}, "Hangang Midnight", nil},
		{"genre word and language filter", search.Query{Text: "thriller", City: "mumbai", Languages: []string{"Hindi"}}, "", thrillers},
		{"person and format filter", search.Query{Text: "Desmond Pike", City: "london", Formats: []string{"2D"}}, "Uncle Barnaby's Wedding Disaster", nil},
		{"synopsis word", search.Query{Text: "lighthouse", City: "london"}, "The Lantern Keeper", nil},
		// Nothing to find.
		{"gibberish", search.Query{Text: "xqzvbnm", City: "london"}, "", nil},
		{"unknown name", search.Query{Text: "Zebulon Quartermaine", City: "london"}, "", nil},
		{"real word not in the catalogue", search.Query{Text: "submarine", City: "london"}, "", nil},
		{"title with a filter that excludes it", search.Query{Text: "Hollow Pines", City: "london", Genres: []string{"Comedy"}}, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := b.titles(t, tc.q)
			if tc.anyOf != nil {
				require.True(t, slices.ContainsFunc(got[:min(3, len(got))], func(s string) bool { return slices.Contains(tc.anyOf, s) }),
					"query %q: top results %v", tc.q.Text, got[:min(5, len(got))])
				return
			}
			if tc.expect == "" {
				require.Empty(t, got, "query %q", tc.q.Text)
				return
			}
			require.Contains(t, got[:min(3, len(got))], tc.expect, "query %q: top results %v", tc.q.Text, got[:min(5, len(got))])
		})
	}
}

// TestDidYouMean offers the closest title when only typo tolerance found
// something, and labels coming-soon movies.
func TestDidYouMean(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, err := b.Search.Search(context.Background(), search.Query{Text: "lanturn keper", City: "london", Sort: search.SortRelevance})
	require.NoError(t, err)
	require.False(t, res.Exact)
	require.Equal(t, "The Lantern Keeper", res.DidYouMean)

	res, err = b.Search.Search(context.Background(), search.Query{Text: "Low Tide Protocol", City: "london", Sort: search.SortRelevance})
	require.NoError(t, err)
	require.True(t, res.Exact)
	require.Empty(t, res.DidYouMean)
	require.NotEmpty(t, res.Movies)
	require.Equal(t, "Low Tide Protocol", res.Movies[0].Title)
	require.True(t, res.Movies[0].ComingSoon())
	require.True(t, slices.ContainsFunc(res.Facets.Genre, func(v search.FacetValue) bool { return v.Value == "Thriller" && v.Count >= 1 }))
}
