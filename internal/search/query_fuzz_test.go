package search

import (
	"errors"
	"net/url"
	"reflect"
	"regexp"
	"testing"

	"github.com/marqueehq/marquee/internal/platform/validate"
)

// tsqueryShape is what prefixQuery may give PostgreSQL: up to 8 words of
// letters and digits, each a prefix, joined with &.
var tsqueryShape = regexp.MustCompile(`^([\pL\pN]+:\*( & [\pL\pN]+:\*){0,7})?$`)

// FuzzParseQuery feeds results-page and API query strings through
// ParseQuery: a query is refused with field messages (400/422), or it is
// within every limit, its canonical URL (Values) reads back to the same
// query, and the text becomes a well-formed prefix tsquery. However many
// values a list repeats, the parser keeps no more than one over the limit,
// so its work stays bounded.
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{"q=lantern&city=london", "q=+kee+&city=all&date=2031-03-14&date=2031-03-14&genre=Drama&genre=drama",
		"time=morning&time=noon", "price_min=10&price_max=5", "price_min=-1&seats=21&page=0", "page=501&sort=price",
		"wheelchair=on&format=IMAX&theater=odeon-leicester-square&certification=PG", "q=%00%ff%27--&city=%F0%9F%8E%AC",
		"q=a:*%20%26%20!b%20|%20(c)%20<->%20d", "date=2031-02-30&date=31-03-2031", "seats=%2B5&page=%2B2&price_min=0x10",
		"q=one+two+three+four+five+six+seven+eight+nine+ten"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return // echo answers 400 before any handler
		}
		q, err := ParseQuery(v)
		for name, l := range map[string]int{"genre": len(q.Genres), "language": len(q.Languages), "format": len(q.Formats),
			"certification": len(q.Certifications), "theater": len(q.Theaters), "time": len(q.Times), "date": len(q.Dates)} {
			if l > maxValues+1 {
				t.Fatalf("%d %s values kept (limit %d): the work grows with the request", l, name, maxValues)
			}
		}
		if err != nil {
			if _, ok := validate.Fields(err); !ok || !errors.Is(err, validate.ErrInvalid) {
				t.Fatalf("refused without field messages: %v", err)
			}
			return
		}
		if len(q.Text) > 200 || len(q.City) > 100 || q.Page < 1 || q.Page > 500 || q.Seats < 0 || q.Seats > 20 ||
			q.PriceMin < 0 || q.PriceMax < 0 || (q.PriceMax > 0 && q.PriceMax < q.PriceMin) {
			t.Fatalf("accepted out of range: %+v", q)
		}
		for _, l := range [][]string{q.Genres, q.Languages, q.Formats, q.Certifications, q.Theaters} {
			if len(l) > maxValues {
				t.Fatalf("accepted %d values of a list", len(l))
			}
		}
		again, err := ParseQuery(q.Values())
		if err != nil {
			t.Fatalf("canonical form %q of %q is refused: %v", q.Values().Encode(), raw, err)
		}
		if !reflect.DeepEqual(again, q) {
			t.Fatalf("%q reads as\n%+v\nbut its canonical form %q reads as\n%+v", raw, q, q.Values().Encode(), again)
		}
		if tsq := prefixQuery(q.Text); !tsqueryShape.MatchString(tsq) {
			t.Fatalf("text %q gives tsquery %q", q.Text, tsq)
		}
	})
}
