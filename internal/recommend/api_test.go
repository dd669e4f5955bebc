package recommend_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/recommend"
)

type apiReviews struct {
	Summary struct {
		Average float64 `json:"average"`
		Count   int     `json:"count"`
	} `json:"summary"`
	Items []struct {
		ID     int64  `json:"id"`
		Stars  int    `json:"stars"`
		Review string `json:"review"`
		Author string `json:"author"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// reviewer signs a customer in through the API with a booking of m.
func (b *testBundle) reviewer(t *testing.T, name string, m catalog.Movie) (*apptest.APIClient, account.User) {
	t.Helper()
	c, u := b.srv.APIUser(t, name, account.Customer)
	b.booked(t, u.ID, m)
	return c, u
}

func TestAnAppRatesABookedMovieReadsItBackAndRemovesIt(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := b.movie(t, "Heat", "English", "Michael Mann", []string{"Crime"})
	app, _ := b.reviewer(t, "Asha", m)
	rating := fmt.Sprintf("/api/v1/movies/%d/rating", m.ID)

	r := app.Do(t, http.MethodGet, rating, nil)
	require.Equal(t, http.StatusNotFound, r.Status, "not rated yet")
	r.Problem(t)

	r = app.Do(t, http.MethodPut, rating, map[string]any{"stars": 4, "review": "  Tense and beautiful.  "})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var mine struct {
		MovieID int64  `json:"movie_id"`
		Stars   int    `json:"stars"`
		Review  string `json:"review"`
	}
	r.JSON(t, &mine)
	require.Equal(t, m.ID, mine.MovieID)
	require.Equal(t, 4, mine.Stars)
	require.Equal(t, "Tense and beautiful.", mine.Review)

	r = app.Do(t, http.MethodPut, rating, map[string]any{"stars": 5})
	require.Equal(t, http.StatusOK, r.Status, "a second rating replaces the first")
	r = app.Do(t, http.MethodGet, rating, nil)
	require.Equal(t, http.StatusOK, r.Status)
	require.Equal(t, "no-store", r.Header.Get("Cache-Control"))
	r.JSON(t, &mine)
	require.Equal(t, 5, mine.Stars)
	require.Empty(t, mine.Review)

	r = b.srv.API(t).Do(t, http.MethodGet, fmt.Sprintf("/api/v1/movies/%d/reviews", m.ID), nil)
	require.Equal(t, http.StatusOK, r.Status)
	var page apiReviews
	r.JSON(t, &page)
	require.Equal(t, 1, page.Summary.Count)
	require.InDelta(t, 5.0, page.Summary.Average, 0.001)
	require.Empty(t, page.Items, "stars without a review count but list nothing")

	r = app.Do(t, http.MethodDelete, rating, nil)
	require.Equal(t, http.StatusNoContent, r.Status)
	r = app.Do(t, http.MethodGet, rating, nil)
	require.Equal(t, http.StatusNotFound, r.Status)
	r = app.Do(t, http.MethodDelete, rating, nil)
	require.Equal(t, http.StatusNotFound, r.Status, "nothing left to remove")
	summary, err := b.svc.Summary(context.Background(), m.ID)
	require.NoError(t, err)
	require.Zero(t, summary.Count, "the removed stars no longer count")
}

func TestRatingThroughTheAPIFollowsTheWebsRules(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := b.movie(t, "Heat", "English", "Michael Mann", []string{"Crime"})
	app, _ := b.reviewer(t, "Ann", m)
	rating := fmt.Sprintf("/api/v1/movies/%d/rating", m.ID)

	r := app.Do(t, http.MethodPut, rating, map[string]any{"stars": 9, "review": strings.Repeat("x", 1001)})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	p := r.Problem(t)
	require.Contains(t, p.Fields, "stars")
	require.Contains(t, p.Fields, "review")

	r = app.Do(t, http.MethodPut, rating, "{not json")
	require.Equal(t, http.StatusBadRequest, r.Status)
	r.Problem(t)

	r = app.Do(t, http.MethodPut, "/api/v1/movies/999999/rating", map[string]any{"stars": 3})
	require.Equal(t, http.StatusNotFound, r.Status)

	notBooked, _ := b.srv.APIUser(t, "Ben", account.Customer)
	r = notBooked.Do(t, http.MethodPut, rating, map[string]any{"stars": 3})
	require.Equal(t, http.StatusForbidden, r.Status)
	require.Equal(t, "cannot_rate", r.Problem(t).Code)

	anon := b.srv.API(t)
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		r = anon.Do(t, method, rating, map[string]any{"stars": 3})
		require.Equal(t, http.StatusUnauthorized, r.Status, method)
		r.Problem(t)
	}
}

func TestReviewsArePagedNewestFirstWithoutHiddenOnes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	m := b.movie(t, "Heat", "English", "Michael Mann", []string{"Crime"})
	var ids []int64
	for i, name := range []string{"Ann", "Ben", "Cal"} {
		_, u := b.reviewer(t, name, m)
		saved, err := b.svc.Rate(ctx, u.ID, u.Name, m.ID, ratingInput(i+3, "Review by "+name))
		require.NoError(t, err)
		ids = append(ids, saved.ID)
	}
	_, err := b.svc.SetReviewHidden(ctx, ids[1], true)
	require.NoError(t, err)

	anon := b.srv.API(t)
	var got []string
	path := fmt.Sprintf("/api/v1/movies/%d/reviews?limit=1", m.ID)
	for range 5 {
		r := anon.Do(t, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		var page apiReviews
		r.JSON(t, &page)
		require.Equal(t, 3, page.Summary.Count, "hidden reviews' stars still count")
		for _, it := range page.Items {
			got = append(got, it.Review)
		}
		if page.NextCursor == "" {
			break
		}
		path = fmt.Sprintf("/api/v1/movies/%d/reviews?limit=1&cursor=%s", m.ID, page.NextCursor)
	}
	require.Equal(t, []string{"Review by Cal", "Review by Ann"}, got)

	r := anon.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/movies/%d/reviews", m.ID), nil)
	etag := r.Header.Get("ETag")
	require.NotEmpty(t, etag)
	r = anon.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/movies/%d/reviews", m.ID), nil, "If-None-Match", etag)
	require.Equal(t, http.StatusNotModified, r.Status)

	r = anon.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/movies/%d/reviews?cursor=bogus", m.ID), nil)
	require.Equal(t, http.StatusBadRequest, r.Status)
	require.Equal(t, "bad_cursor", r.Problem(t).Code)
	r = anon.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/movies/%d/reviews?limit=0", m.ID), nil)
	require.Equal(t, http.StatusBadRequest, r.Status)
	r = anon.Do(t, http.MethodGet, "/api/v1/movies/999999/reviews", nil)
	require.Equal(t, http.StatusNotFound, r.Status)
}

func TestNotInterestedThroughTheAPIDropsTheMovieFromRecommendations(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := b.movie(t, "Golmaal", "Hindi", "Rohit Shetty", []string{"Comedy"})
	b.show(t, m, "pune")
	for range 3 {
		b.booked(t, b.user(t, "Fan"), m)
	}
	b.recompute(t)
	app, _ := b.srv.APIUser(t, "Dev", account.Customer)
	slugs := func() []string {
		r := app.Do(t, http.MethodGet, "/api/v1/recommendations?city=pune", nil)
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		var out struct {
			Items []struct {
				Slug string `json:"slug"`
			} `json:"items"`
		}
		r.JSON(t, &out)
		var s []string
		for _, it := range out.Items {
			s = append(s, it.Slug)
		}
		return s
	}
	require.Contains(t, slugs(), m.Slug)

	r := app.Do(t, http.MethodPost, "/api/v1/recommendations/feedback", map[string]any{"movie_id": m.ID, "action": "click"})
	require.Equal(t, http.StatusNoContent, r.Status, "%s", r.Body)
	r = app.Do(t, http.MethodPost, "/api/v1/recommendations/feedback", map[string]any{"movie_id": m.ID, "action": "dismiss"})
	require.Equal(t, http.StatusNoContent, r.Status, "%s", r.Body)
	b.recompute(t)
	require.NotContains(t, slugs(), m.Slug)

	r = app.Do(t, http.MethodPost, "/api/v1/recommendations/feedback", map[string]any{"movie_id": 0, "action": "like"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	p := r.Problem(t)
	require.Contains(t, p.Fields, "movie_id")
	require.Contains(t, p.Fields, "action")
	r = app.Do(t, http.MethodPost, "/api/v1/recommendations/feedback", map[string]any{"movie_id": 999999, "action": "dismiss"})
	require.Equal(t, http.StatusNotFound, r.Status)
	r = app.Do(t, http.MethodPost, "/api/v1/recommendations/feedback", "[")
	require.Equal(t, http.StatusBadRequest, r.Status)
	r = b.srv.API(t).Do(t, http.MethodPost, "/api/v1/recommendations/feedback", map[string]any{"movie_id": m.ID, "action": "dismiss"})
	require.Equal(t, http.StatusUnauthorized, r.Status)
}

func ratingInput(stars int, review string) recommend.RatingInput {
	return recommend.RatingInput{Stars: stars, Review: review}
}
