package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/demo"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// demoShow is a show of the demo in city of a film certified cert.
func demoShow(t *testing.T, pool *pgxpool.Pool, cat *catalog.Service, city, cert string) catalog.ShowDetail {
	t.Helper()
	var id int64
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT s.id FROM catalog.shows s
		JOIN catalog.movies m ON m.id = s.movie_id JOIN catalog.theaters t ON t.id = s.theater_id
		WHERE t.city_slug = $1 AND m.certification = $2 ORDER BY s.starts_at, s.id LIMIT 1`, city, cert).Scan(&id),
		"a %s film showing in %s", cert, city)
	d, err := cat.ShowDetail(context.Background(), id)
	require.NoError(t, err)
	return d
}

// offered maps the codes of the types sold for d to their price for a
// seat of category listed at price.
func offered(d catalog.ShowDetail, category catalog.Category, price int64) map[string]int64 {
	out := map[string]int64{}
	for _, t := range d.OfferedTicketTypes() {
		out[t.Code] = t.Price(category, price)
	}
	return out
}

func TestTheDemoChainsSellFamilyPriceCardsAndSeedingAgainKeepsStaffEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	mpa, err := catalog.SchemeByName("mpa")
	require.NoError(t, err)
	cat := catalog.NewService(pool, catalog.Options{Certifications: mpa})
	_, err = demo.Load(ctx, cat, time.Now())
	require.NoError(t, err)
	require.NoError(t, demo.EnsureChains(ctx, pool))
	require.NoError(t, demo.EnsureTicketTypes(ctx, pool, mpa))

	london := demoShow(t, pool, cat, "london", "PG")
	require.Equal(t, map[string]int64{"ADULT": 1250, "CHILD": 875, "SENIOR": 1000, "STUDENT": 1000},
		offered(london, catalog.Standard, 1250), "Lumière's price card on a £12.50 seat")
	for _, tt := range london.OfferedTicketTypes() {
		require.Equal(t, tt.Code == "STUDENT", tt.ProofRequired, "only students show proof at Lumière's door: %s", tt.Code)
	}
	require.NotContains(t, offered(demoShow(t, pool, cat, "london", "R"), catalog.Standard, 1250), "CHILD",
		"no child ticket for an R film")
	require.Contains(t, offered(demoShow(t, pool, cat, "london", "PG-13"), catalog.Standard, 1250), "CHILD",
		"children may see a PG-13 film")

	mumbai := demoShow(t, pool, cat, "mumbai", "PG")
	require.Equal(t, map[string]int64{"ADULT": 250_00, "CHILD": 175_00, "SENIOR": 200_00},
		offered(mumbai, catalog.Standard, 250_00), "Apex's price card on a ₹250 seat")
	require.NotContains(t, offered(demoShow(t, pool, cat, "mumbai", "R"), catalog.Standard, 250_00), "CHILD")

	newYork := demoShow(t, pool, cat, "new-york", "PG")
	require.Equal(t, map[string]int64{"ADULT": 16_00}, offered(newYork, catalog.Standard, 16_00),
		"an independent sells the one built-in Adult price")

	// Staff make Lumière's Child cheaper and retire the Student ticket.
	types, err := cat.TicketTypes(ctx, london.Theater.ChainID, 0)
	require.NoError(t, err)
	for _, tt := range types {
		switch tt.Code {
		case "CHILD":
			tt.Percent = 60
			_, err = cat.UpdateTicketType(ctx, tt)
			require.NoError(t, err)
		case "STUDENT":
			require.NoError(t, cat.DeactivateTicketType(ctx, tt.ID))
		}
	}
	require.NoError(t, demo.EnsureTicketTypes(ctx, pool, mpa))
	london, err = cat.ShowDetail(ctx, london.ID)
	require.NoError(t, err)
	require.Equal(t, map[string]int64{"ADULT": 1250, "CHILD": 750, "SENIOR": 1000},
		offered(london, catalog.Standard, 1250), "seeding again keeps what staff changed")
	types, err = cat.TicketTypes(ctx, london.Theater.ChainID, 0)
	require.NoError(t, err)
	require.Len(t, types, 4, "and adds nothing twice")
}
