package catalog

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"golang.org/x/text/unicode/norm"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// Slugify turns a title into a URL slug: "Amélie & Co." -> "amelie-co".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r): // accents, dropped after NFD
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		out = "untitled"
	}
	if len(out) > 80 {
		out = strings.TrimSuffix(out[:80], "-")
	}
	return out
}

// uniqueSlug finds a free slug for title: the plain slug, then with the
// release year, then numbered.
func (s *Service) uniqueSlug(ctx context.Context, tx pgx.Tx, title string, date time.Time,
	exists func(context.Context, catalogdb.DBTX, string) (bool, error)) (string, error) {
	base := Slugify(title)
	candidates := []string{base}
	if !date.IsZero() {
		candidates = append(candidates, fmt.Sprintf("%s-%d", base, date.Year()))
	}
	for i := 2; i < 100; i++ {
		candidates = append(candidates, fmt.Sprintf("%s-%d", base, i))
	}
	for _, c := range candidates {
		taken, err := exists(ctx, tx, c)
		if err != nil {
			return "", fmt.Errorf("check slug %q: %w", c, err)
		}
		if !taken {
			return c, nil
		}
	}
	return "", fmt.Errorf("no free slug for %q", title)
}
