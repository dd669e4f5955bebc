package recommend_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
	"github.com/marqueehq/marquee/internal/recommend"
)

// browser is a browser that chose Pune, signed in as id (0: a visitor).
type browser struct {
	*webtest.Browser
	id int64
}

// browser signs in a new account with role ("" name: a visitor) and
// chooses Pune.
func (b *testBundle) browser(t *testing.T, name string, role account.Role) *browser {
	t.Helper()
	var br browser
	if name == "" {
		br.Browser = b.srv.Browser(t)
	} else {
		var u account.User
		br.Browser, u = b.srv.SignedIn(t, name, role)
		br.id = u.ID
	}
	br.SetCookie(t, "city", "pune")
	return &br
}

func TestHomeRailForVisitorsAndMembers(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := b.world(t)
	for range 3 {
		b.booked(t, b.user(t, "Fan"), w.arrival, w.dune)
	}
	b.recompute(t)

	visitor := b.browser(t, "", "")
	res, body := visitor.Get(t, "/recommendations/home", "HX-Request", "true")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Popular near you")
	require.Contains(t, body, "Popular in Pune this week")
	require.Contains(t, body, fmt.Sprintf(`href="/recommendations/click/%d?from=home"`, w.arrival.ID))
	require.NotContains(t, body, "Not interested", "visitors have nothing to dismiss")
	require.NotContains(t, body, "Sairat", "Mumbai's film is not offered in Pune")

	ann := b.browser(t, "Ann", account.Customer)
	b.booked(t, ann.id, w.arrival)
	_, body = ann.Get(t, "/recommendations/home", "HX-Request", "true")
	require.Contains(t, body, "Recommended for you")
	require.Contains(t, body, "Because you booked Arrival")
	require.Contains(t, body, "Not interested")

	res, body = ann.Post(t, fmt.Sprintf("/recommendations/%d/dismiss", w.dune.ID), nil, "HX-Request", "true")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Empty(t, body, "the card is swapped for nothing")
	_, body = ann.Get(t, "/recommendations/home", "HX-Request", "true")
	require.NotContains(t, body, ">Dune<")

	res, _ = visitor.Post(t, fmt.Sprintf("/recommendations/%d/dismiss", w.heat.ID), nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "visitors sign in first")

	noCity := b.srv.Browser(t)
	_, body = noCity.Get(t, "/recommendations/home", "HX-Request", "true")
	require.Empty(t, strings.TrimSpace(body), "nothing before a city is chosen")
}

func TestClickGoesToTheMovieAndCounts(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := b.world(t)
	ann := b.browser(t, "Ann", account.Customer)
	res, _ := ann.Get(t, fmt.Sprintf("/recommendations/click/%d?from=movie", w.heat.ID))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/movies/"+w.heat.Slug, res.Header.Get("Location"))
	b.booked(t, ann.id, w.heat)
	stats, err := b.svc.Performance(context.Background(), b.svcNow().AddDate(0, 0, -1))
	require.NoError(t, err)
	require.Equal(t, []recommend.RecStats{{Surface: "movie", Clicks: 1, Bookings: 1}}, stats)

	res, _ = ann.Get(t, "/recommendations/click/999999")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestMoviePageRatingsAndMoreLikeThis(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := b.world(t)
	for range 3 {
		b.booked(t, b.user(t, "Fan"), w.arrival, w.dune)
	}
	b.recompute(t)
	path := "/recommendations/movie/" + w.arrival.Slug

	_, body := b.browser(t, "", "").Get(t, path, "HX-Request", "true")
	require.Contains(t, body, "More like this")
	require.Contains(t, body, "People who booked Arrival booked this too")
	require.Contains(t, body, "Sign in to rate")

	bob := b.browser(t, "Bob", account.Customer)
	_, body = bob.Get(t, path, "HX-Request", "true")
	require.Contains(t, body, "Rate it after your show", "no booking, no form")

	ann := b.browser(t, "Ann", account.Customer)
	b.booked(t, ann.id, w.arrival)
	_, body = ann.Get(t, path, "HX-Request", "true")
	require.Contains(t, body, `name="stars"`)
	var views int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT views FROM recommend.user_movies WHERE user_id = $1 AND movie_id = $2", ann.id, w.arrival.ID).Scan(&views))
	require.Equal(t, 1, views, "her visit is recorded")

	res, body := ann.Post(t, path+"/rating", url.Values{"stars": {"9"}, "review": {"Wow"}}, "HX-Request", "true")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Choose from one to five stars.")
	require.Contains(t, body, ">Wow</textarea>", "what she typed is kept")

	res, body = ann.Post(t, path+"/rating", url.Values{"stars": {"5"}, "review": {"Moving <b>and</b> clever"}}, "HX-Request", "true")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Thanks! Your rating is saved.")
	require.Contains(t, body, "5.0")
	require.Contains(t, body, "Moving &lt;b&gt;and&lt;/b&gt; clever", "reviews are escaped")
	require.Contains(t, body, "Update rating")

	res, _ = ann.Post(t, path+"/rating", url.Values{"stars": {"4"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "without htmx: back to the movie page")
	require.Equal(t, "/movies/"+w.arrival.Slug+"#reviews", res.Header.Get("Location"))

	res, _ = bob.Post(t, path+"/rating", url.Values{"stars": {"1"}}, "HX-Request", "true")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "Bob never booked it")
}

func TestStaffHideReviews(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := b.world(t)
	ann := b.browser(t, "Ann", account.Customer)
	b.booked(t, ann.id, w.heat)
	_, err := b.svc.Rate(context.Background(), ann.id, "Ann", w.heat.ID, recommend.RatingInput{Stars: 1, Review: "Spoiler: everyone dies"})
	require.NoError(t, err)

	res, _ := ann.Get(t, "/admin/reviews")
	require.NotEqual(t, http.StatusOK, res.StatusCode, "customers cannot moderate")

	staff := b.browser(t, "Sam", account.Staff)
	res, body := staff.Get(t, "/admin/reviews")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Spoiler: everyone dies")
	require.Contains(t, body, "Heat")
	reviews, err := b.svc.ReviewsForModeration(context.Background(), false, 1)
	require.NoError(t, err)
	require.Len(t, reviews, 1)

	res, _ = staff.Post(t, fmt.Sprintf("/admin/reviews/%d/hide", reviews[0].ID), nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = b.browser(t, "", "").Get(t, "/recommendations/movie/"+w.heat.Slug, "HX-Request", "true")
	require.NotContains(t, body, "Spoiler")
	require.Contains(t, body, "1.0", "the stars still count")
	_, body = staff.Get(t, "/admin/reviews?hidden=1")
	require.Contains(t, body, "Spoiler")
	require.Contains(t, body, "Show on movie page")

	res, _ = staff.Post(t, "/admin/reviews/999999/hide", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestAPIRecommendations(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := b.world(t)
	for range 3 {
		b.booked(t, b.user(t, "Fan"), w.golmaal)
	}
	b.recompute(t)
	anon := b.browser(t, "", "")

	res, body := anon.Get(t, "/api/v1/recommendations?city=pune&limit=2")
	require.Equal(t, http.StatusOK, res.StatusCode)
	var out struct {
		City  string `json:"city"`
		Items []struct {
			Slug, Reason string
			Personal     bool
		} `json:"items"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	require.Len(t, out.Items, 2)
	require.Equal(t, w.golmaal.Slug, out.Items[0].Slug)
	require.Equal(t, "Popular in Pune this week", out.Items[0].Reason)

	res, body = anon.Get(t, "/api/v1/recommendations")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, `"city"`)
	res, _ = anon.Get(t, "/api/v1/recommendations?city=atlantis")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = anon.Get(t, "/api/v1/recommendations?city=pune", "Authorization", "Bearer nonsense")
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "a bad token is refused, not ignored")
}

func TestAfterBookingSuggestsMoviesLikeTheOneBooked(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := b.world(t)
	for range 3 {
		b.booked(t, b.user(t, "Fan"), w.arrival, w.dune)
	}
	b.recompute(t)
	ann := b.browser(t, "Ann", account.Customer)
	b.booked(t, ann.id, w.arrival)

	_, body := ann.Get(t, "/recommendations/after/movies/"+w.arrival.Slug, "HX-Request", "true")
	require.Contains(t, body, "You might also like")
	require.Contains(t, body, "Because you booked Arrival")
	require.Contains(t, body, ">Dune<")
	require.NotContains(t, body, ">Arrival<", "not the movie just booked")
	require.Contains(t, body, "from=booking", "clicks are attributed to this surface")

	_, body = b.browser(t, "", "").Get(t, "/recommendations/after/movies/"+w.arrival.Slug, "HX-Request", "true")
	require.Empty(t, strings.TrimSpace(body), "nothing for visitors")
}

func TestFragmentsOfUnknownMoviesAreNotFound(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.world(t)
	res, _ := b.browser(t, "", "").Get(t, "/recommendations/movie/no-such-movie", "HX-Request", "true")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}
