package i18n

import (
	"context"
	"strings"
)

// genres are the genres staff choose from (the admin movie form's list,
// which the demo catalogue uses) and "Sci-Fi", which older data spells so,
// keyed by their lower-case English name. Each value is marked with Msg so
// the catalogues must translate it (locales/catalog_words.*.toml).
var genres = map[string]string{
	"action":          Msg("Action"),
	"adventure":       Msg("Adventure"),
	"animation":       Msg("Animation"),
	"biography":       Msg("Biography"),
	"comedy":          Msg("Comedy"),
	"crime":           Msg("Crime"),
	"documentary":     Msg("Documentary"),
	"drama":           Msg("Drama"),
	"family":          Msg("Family"),
	"fantasy":         Msg("Fantasy"),
	"horror":          Msg("Horror"),
	"musical":         Msg("Musical"),
	"mystery":         Msg("Mystery"),
	"romance":         Msg("Romance"),
	"science fiction": Msg("Science Fiction"),
	"sci-fi":          Msg("Sci-Fi"),
	"sports":          Msg("Sports"),
	"thriller":        Msg("Thriller"),
	"war":             Msg("War"),
}

// Genre names a movie's genre, stored in English ("Horror"), in ctx's
// language ("हॉरर", "Terror"). English, and a genre staff made up that
// no catalogue knows, show the name as stored.
func Genre(ctx context.Context, name string) string {
	id, ok := genres[strings.ToLower(strings.TrimSpace(name))]
	if !ok || Lang(ctx) == "en" {
		return name
	}
	return T(ctx, id)
}

// Genres is Genre for each of names, in order, in a new slice.
func Genres(ctx context.Context, names []string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = Genre(ctx, n)
	}
	return out
}
