package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// scoped is two chains: "Alpha" with theaters A and A2, "Beta" with B, a
// screen and a show today at A and at B.
type scoped struct {
	*testBundle
	alpha, beta      catalog.Chain
	a, a2, bTheater  catalog.Theater
	screenA, screenB catalog.Screen
	showA, showB     catalog.Show
	movie            catalog.Movie
}

func setupScoped(t *testing.T) *scoped {
	t.Helper()
	b := setup(t)
	ctx := context.Background()
	s := &scoped{testBundle: b}
	var err error
	s.alpha, err = b.Catalog.CreateChain(ctx, catalog.ChainInput{Name: "Alpha Cinemas", BrandColor: "#112233"})
	require.NoError(t, err)
	s.beta, err = b.Catalog.CreateChain(ctx, catalog.ChainInput{Name: "Beta Pictures", BrandColor: "#445566"})
	require.NoError(t, err)
	s.a = theaterInChain(t, b, "Alpha Leicester", s.alpha.ID)
	s.a2 = theaterInChain(t, b, "Alpha Brixton", s.alpha.ID)
	s.bTheater = theaterInChain(t, b, "Beta Camden", s.beta.ID)
	s.screenA = newScreen(t, b, s.a.ID, "Screen Alpha")
	s.screenB = newScreen(t, b, s.bTheater.ID, "Screen Beta")
	s.movie = newMovie(t, b, "Shared Film")
	s.showA = newShow(t, b, s.movie.ID, s.screenA.ID, b.now.Add(4*time.Hour))
	s.showB = newShow(t, b, s.movie.ID, s.screenB.ID, b.now.Add(5*time.Hour))
	return s
}

// theaterInChain makes a London theater (see newTheater) of the chain.
func theaterInChain(t *testing.T, b *testBundle, name string, chainID int64) catalog.Theater {
	t.Helper()
	th := newTheater(t, b, name)
	_, err := b.Pool.Exec(context.Background(), "UPDATE catalog.theaters SET chain_id = $1 WHERE id = $2", chainID, th.ID)
	require.NoError(t, err)
	th.ChainID = chainID
	return th
}

// staffAt signs in a new customer account holding role at a chain (whole
// chain when theaterID is 0) or one of its theaters.
func staffAt(t *testing.T, b *testBundle, name string, role authz.Role, chainID, theaterID int64) *webtest.Browser {
	t.Helper()
	u := b.User(t, name, account.Customer)
	var theater *int64
	if theaterID != 0 {
		theater = &theaterID
	}
	_, err := b.Pool.Exec(context.Background(), "INSERT INTO account.staff_roles (user_id, role, chain_id, theater_id) VALUES ($1, $2, $3, $4)",
		u.ID, string(role), chainID, theater)
	require.NoError(t, err)
	br := b.Browser(t)
	br.SignIn(t, u.Email, apptest.Password)
	return br
}

func TestATheaterManagerFindsNoPageOfAnotherTheater(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)

	res, _ := manager.Get(t, fmt.Sprintf("/admin/theaters/%d", s.a.ID))
	require.Equal(t, http.StatusOK, res.StatusCode, "their own theater")

	for _, path := range []string{
		fmt.Sprintf("/admin/theaters/%d", s.bTheater.ID),
		fmt.Sprintf("/admin/theaters/%d", s.a2.ID),
		fmt.Sprintf("/admin/theaters/%d/edit", s.bTheater.ID),
		fmt.Sprintf("/admin/theaters/%d/screens/new", s.bTheater.ID),
		fmt.Sprintf("/admin/theaters/%d/tms", s.bTheater.ID),
		fmt.Sprintf("/admin/screens/%d/edit", s.screenB.ID),
		fmt.Sprintf("/admin/shows/%d/prices", s.showB.ID),
		fmt.Sprintf("/admin/shows/%d/cancel", s.showB.ID),
	} {
		res, _ := manager.Get(t, path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}

	res, _ = manager.Post(t, fmt.Sprintf("/admin/theaters/%d", s.bTheater.ID), theaterForm("Renamed by a stranger"))
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = manager.Post(t, fmt.Sprintf("/admin/shows/%d/cancel", s.showB.ID), url.Values{})
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = manager.Post(t, fmt.Sprintf("/admin/screens/%d", s.screenB.ID), url.Values{"name": {"Mine now"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	ctx := context.Background()
	b, err := s.Catalog.Theater(ctx, s.bTheater.ID)
	require.NoError(t, err)
	require.Equal(t, "Beta Camden", b.Name, "the other theater is unchanged")
	show, err := s.Catalog.ShowForAdmin(ctx, s.showB.ID)
	require.NoError(t, err)
	require.NotEqual(t, catalog.Cancelled, show.Status, "the other theater's show still plays")
}

func TestATheaterManagersListsShowOnlyTheirTheater(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)
	for _, path := range []string{"/admin/theaters", "/admin", "/admin/shows", "/admin/shows/new", "/admin/shows/bulk"} {
		res, body := manager.Get(t, path)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		require.Contains(t, body, "Alpha Leicester", path)
		require.NotContains(t, body, "Beta Camden", path)
		require.NotContains(t, body, "Alpha Brixton", path)
	}
	_, body := manager.Get(t, "/admin/theaters")
	require.NotContains(t, body, `href="/admin/theaters/new"`, "a manager adds no theaters")
	// Platform staff still see every theater.
	_, body = s.staff(t).Get(t, "/admin/theaters")
	require.Contains(t, body, "Beta Camden")
	require.Contains(t, body, "Alpha Brixton")
}

func TestATheaterManagerCannotScheduleAtAnotherTheater(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)
	day := s.now.Format(time.DateOnly)
	form := url.Values{"movie": {fmt.Sprint(s.movie.ID)}, "screen": {fmt.Sprint(s.screenB.ID)}, "date": {day},
		"time": {"22:30"}, "format": {"2D"}, "language": {"English"}}
	res, body := manager.Post(t, "/admin/shows", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Choose a screen.")

	bulk := url.Values{"movie": {fmt.Sprint(s.movie.ID)}, "screens": {fmt.Sprint(s.screenB.ID)}, "first_day": {day},
		"last_day": {day}, "times": {"22:30"}, "format": {"2D"}, "language": {"English"}}
	res, _ = manager.Post(t, "/admin/shows/bulk", bulk)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)

	shows, err := s.Catalog.AdminShows(context.Background(), catalog.ShowFilter{TheaterID: s.bTheater.ID,
		From: s.now.Add(-24 * time.Hour), Until: s.now.Add(48 * time.Hour)})
	require.NoError(t, err)
	require.Len(t, shows, 1, "only the show made in setup")

	// At their own screen it works.
	form.Set("screen", fmt.Sprint(s.screenA.ID))
	res, _ = manager.Post(t, "/admin/shows", form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
}

func TestAChainAdminRunsEveryTheaterOfTheirChainAndAddsTheatersOnlyThere(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	admin := staffAt(t, s.testBundle, "Chad", authz.ChainAdmin, s.alpha.ID, 0)

	_, body := admin.Get(t, "/admin/theaters")
	require.Contains(t, body, "Alpha Leicester")
	require.Contains(t, body, "Alpha Brixton")
	require.NotContains(t, body, "Beta Camden")
	res, _ := admin.Get(t, fmt.Sprintf("/admin/theaters/%d/edit", s.a2.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = admin.Get(t, fmt.Sprintf("/admin/theaters/%d", s.bTheater.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	res, body = admin.Get(t, "/admin/theaters/new")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Alpha Cinemas")
	require.NotContains(t, body, "Beta Pictures")

	form := theaterForm("Beta Stolen")
	form.Set("chain", fmt.Sprint(s.beta.ID))
	res, body = admin.Post(t, "/admin/theaters", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Choose a chain.")

	form = theaterForm("Alpha Peckham")
	form.Set("chain", fmt.Sprint(s.alpha.ID))
	res, _ = admin.Post(t, "/admin/theaters", form)
	th, err := s.Catalog.Theater(context.Background(), redirectID(t, res, "/admin/theaters/"))
	require.NoError(t, err)
	require.Equal(t, s.alpha.ID, th.ChainID)

	theaters, err := s.Catalog.Theaters(context.Background(), "")
	require.NoError(t, err)
	for _, th := range theaters {
		require.NotEqual(t, "Beta Stolen", th.Name)
	}
}

func TestDoorAndBoxOfficeStaffCannotManageTheirTheater(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	for _, role := range []authz.Role{authz.Door, authz.BoxOffice} {
		br := staffAt(t, s.testBundle, "Dee"+string(role), role, s.alpha.ID, s.a.ID)
		for _, path := range []string{fmt.Sprintf("/admin/theaters/%d", s.a.ID), fmt.Sprintf("/admin/screens/%d/edit", s.screenA.ID),
			fmt.Sprintf("/admin/shows/%d/prices", s.showA.ID)} {
			res, _ := br.Get(t, path)
			require.Equal(t, http.StatusNotFound, res.StatusCode, "%s %s", role, path)
		}
		for _, path := range []string{"/admin/theaters/new", "/admin/chains", "/admin/movies"} {
			res, _ := br.Get(t, path)
			require.Equal(t, http.StatusForbidden, res.StatusCode, "%s %s", role, path)
		}
		_, body := br.Get(t, "/admin/theaters")
		require.NotContains(t, body, "Alpha Leicester", role)
	}
}

func TestTheFilmCatalogueIsForMarqueesOwnStaff(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	chainAdmin := staffAt(t, s.testBundle, "Chad", authz.ChainAdmin, s.alpha.ID, 0)
	for _, path := range []string{"/admin/movies", "/admin/movies/new", fmt.Sprintf("/admin/movies/%d/edit", s.movie.ID)} {
		res, _ := chainAdmin.Get(t, path)
		require.Equal(t, http.StatusForbidden, res.StatusCode, path)
		res, _ = s.staff(t).Get(t, path)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
	}
	res, _ := chainAdmin.Post(t, fmt.Sprintf("/admin/movies/%d/status", s.movie.ID), url.Values{"status": {"archived"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	m, err := s.Catalog.Movie(context.Background(), s.movie.ID)
	require.NoError(t, err)
	require.Equal(t, catalog.NowShowing, m.Status)
}

func TestTheaterIDsInExpandsChainsAndTheaters(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	ctx := context.Background()
	all, ids, err := s.Catalog.TheaterIDsIn(ctx, authz.Filter{All: true})
	require.NoError(t, err)
	require.True(t, all)
	require.Nil(t, ids)
	all, ids, err = s.Catalog.TheaterIDsIn(ctx, authz.Filter{ChainIDs: []int64{s.alpha.ID}, TheaterIDs: []int64{s.bTheater.ID}})
	require.NoError(t, err)
	require.False(t, all)
	require.ElementsMatch(t, []int64{s.a.ID, s.a2.ID, s.bTheater.ID}, ids)
	_, ids, err = s.Catalog.TheaterIDsIn(ctx, authz.Filter{ChainIDs: []int64{}, TheaterIDs: []int64{}})
	require.NoError(t, err)
	require.Empty(t, ids)
}

func TestAnImportNamingAnotherTheaterSavesNothing(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)
	file := "theater,screen,movie,date,time,language,format,subtitles\n" +
		s.a.Slug + ",Screen Alpha," + s.movie.Slug + ",2031-03-14,18:00,English,2D,\n" +
		s.bTheater.Slug + ",Screen Beta," + s.movie.Slug + ",2031-03-14,18:00,English,2D,\n"
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	require.NoError(t, w.WriteField("mode", "import"))
	part, err := w.CreateFormFile("file", "shows.csv")
	require.NoError(t, err)
	_, err = part.Write([]byte(file))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	req, err := http.NewRequest(http.MethodPost, s.URL+"/admin/shows/import", &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, page := manager.Do(t, req)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, html.UnescapeString(page), `No theater has the slug "`+s.bTheater.Slug+`"`)

	shows, err := s.Catalog.AdminShows(context.Background(), catalog.ShowFilter{From: s.now, Until: s.now.Add(7 * 24 * time.Hour)})
	require.NoError(t, err)
	require.Len(t, shows, 2, "only the shows made in setup")
}
