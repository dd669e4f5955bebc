package catalog_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDashboardListsTodaysShowsWithOccupancy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	london := newTheater(t, b, "Odeon Test")
	mumbai := newMumbaiTheater(t, b, "Regal Test")
	newTheater(t, b, "Quiet Test")
	sl := newScreen(t, b, london.ID, "Screen 1")
	sm := newScreen(t, b, mumbai.ID, "Audi 1")
	m := newMovie(t, b, "Long Night")
	newMovie(t, b, "Short Day")
	londonTZ, _ := time.LoadLocation("Europe/London")
	kolkata, _ := time.LoadLocation("Asia/Kolkata")

	// The clock says 09:00 in London and 14:30 in Mumbai on Wednesday 12 March.
	evening := newShow(t, b, m.ID, sl.ID, time.Date(2031, 3, 12, 18, 0, 0, 0, londonTZ))
	require.NoError(t, b.Catalog.SetAvailability(ctx, evening.ID, 38))
	newShow(t, b, m.ID, sl.ID, time.Date(2031, 3, 13, 18, 0, 0, 0, londonTZ)) // tomorrow
	late := newShow(t, b, m.ID, sm.ID, time.Date(2031, 3, 12, 23, 0, 0, 0, kolkata))
	require.NoError(t, b.Catalog.SetAvailability(ctx, late.ID, 0))
	// 02:00 on the 13th in Mumbai is still the 12th in UTC, but not Mumbai's today.
	newShow(t, b, m.ID, sm.ID, time.Date(2031, 3, 13, 2, 0, 0, 0, kolkata))
	cancelled := newShow(t, b, m.ID, sl.ID, time.Date(2031, 3, 12, 12, 0, 0, 0, londonTZ))
	_, err := b.Catalog.CancelShow(ctx, cancelled.ID)
	require.NoError(t, err)

	res, body := b.staff(t).Get(t, "/admin")
	require.Equal(t, http.StatusOK, res.StatusCode)
	body = html.UnescapeString(body)
	stat := func(label string) string {
		m := regexp.MustCompile(`dash-stat__value">(\d+)</span>\s*<span class="dash-stat__label">` + label).FindStringSubmatch(body)
		require.NotNil(t, m, "no %q count", label)
		return m[1]
	}
	require.Equal(t, "2", stat("shows today"), "live shows of each theater's today")
	require.Equal(t, "62", stat("seats sold today"), "12 in London, 50 in Mumbai")
	require.Equal(t, "2", stat("movies now showing"))

	require.Equal(t, 2, count(body, `class="dash-show"`))
	require.Contains(t, body, fmt.Sprintf(`href="/admin/shows?date=2031-03-12&show=%d&theater=%d#show-%d">18:00</a>`, evening.ID, london.ID, evening.ID))
	require.Contains(t, body, fmt.Sprintf(`href="/admin/shows?date=2031-03-12&show=%d&theater=%d#show-%d">23:00</a>`, late.ID, mumbai.ID, late.ID))
	require.Contains(t, body, `<meter class="occupancy__bar" min="0" max="50" value="12"`)
	require.Contains(t, body, "12/50")
	require.Contains(t, body, `badge--warn">Sold out</span>`)
	require.Contains(t, body, "Wednesday 12 March · 14:30 IST")
	require.Contains(t, body, "No shows today.", "the quiet theater")
	require.Contains(t, body, "Theaters 1–3 of 3", "the count of theaters, all on one page")
	require.NotContains(t, body, `class="pager__nav"`, "no page links for one page")
}

func TestDashboardWithoutTheatersSaysWhatToDo(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newMovie(t, b, "Long Night")
	res, body := b.staff(t).Get(t, "/admin")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "No theaters yet.")
	require.Equal(t, 1, count(body, `dash-stat__value">1</span>\s*<span class="dash-stat__label">movies now showing`))
}
