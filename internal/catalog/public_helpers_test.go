package catalog_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

// newMumbaiTheater makes a theater in Mumbai (Asia/Kolkata, UTC+5:30, INR),
// a city whose local time differs from UTC, with standard and premium
// prices of ₹250 and ₹400.
func newMumbaiTheater(t *testing.T, b *testBundle, name string) catalog.Theater {
	t.Helper()
	ctx := context.Background()
	newCity(t, b, "Mumbai", "Asia/Kolkata", "INR")
	lat, lon := 19.0544, 72.8347
	th, err := b.Catalog.CreateTheater(ctx, catalog.TheaterInput{Name: name, CitySlug: "mumbai", Address: "14 Hill Road, Bandra",
		Latitude: &lat, Longitude: &lon, TimeZone: "Asia/Kolkata", Amenities: []string{"recliners", "food_court"},
		TrailerMinutes: 15, CleaningMinutes: 15})
	require.NoError(t, err)
	for cat, amount := range map[catalog.Category]int64{catalog.Standard: 250_00, catalog.Premium: 400_00} {
		require.NoError(t, b.Catalog.SetPriceRule(ctx, catalog.PriceRule{TheaterID: th.ID, Category: cat,
			DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: amount}))
	}
	return th
}

// cityCookie is the request header of a visitor who chose city.
func cityCookie(slug string) []string { return []string{"Cookie", "city=" + slug} }

// count counts the matches of a regular expression in body.
func count(body, expr string) int {
	return len(regexp.MustCompile(expr).FindAllStringIndex(body, -1))
}
