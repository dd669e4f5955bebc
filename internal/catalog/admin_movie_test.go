package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
)

// validMovieForm is a complete movie form: two cast members, a director,
// and the empty rows the page always adds.
func validMovieForm() url.Values {
	return url.Values{
		"title": {"The Glass Orchard"}, "tagline": {"Everything grows back."}, "synopsis": {"A botanist returns home."},
		"runtime_minutes": {"128"}, "release_date": {"2031-04-18"}, "certification": {"PG-13"}, "status": {"coming_soon"},
		"original_language": {"English"}, "dubbed_languages": {"Hindi, Tamil,  , hindi"}, "subtitle_languages": {"Spanish"},
		"genres": {"Drama", "Mystery"}, "formats": {"2D", "IMAX"}, "trailer_url": {"https://www.youtube.com/watch?v=abc"},
		"cast_name": {"Imogen Sallow", "Fergus Oakhurst", "", ""}, "cast_role": {"Agnes", "Callum", "", ""},
		"crew_name": {"Harriet Quayle", ""}, "crew_role": {"Director", ""},
	}
}

// redirectID is the movie, theater or screen id in a 303's Location.
func redirectID(t *testing.T, res *http.Response, prefix string) int64 {
	t.Helper()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	loc := res.Header.Get("Location")
	require.True(t, strings.HasPrefix(loc, prefix), "redirected to %s", loc)
	id, err := strconv.ParseInt(strings.SplitN(strings.TrimPrefix(loc, prefix), "/", 2)[0], 10, 64)
	require.NoError(t, err, loc)
	return id
}

func TestAdminMovieCreateAndEditRoundTrip(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()

	res, _ := b.staff(t).Post(t, "/admin/movies", validMovieForm())
	id := redirectID(t, res, "/admin/movies/")
	m, err := b.Catalog.Movie(ctx, id)
	require.NoError(t, err)
	require.Equal(t, "The Glass Orchard", m.Title)
	require.Equal(t, 128, m.RuntimeMinutes)
	require.Equal(t, time.Date(2031, 4, 18, 0, 0, 0, 0, time.UTC), m.ReleaseDate.UTC())
	require.Equal(t, []string{"Hindi", "Tamil"}, m.DubbedLanguages, "comma list trimmed, blanks and repeats dropped")
	require.Equal(t, []catalog.Credit{{PersonID: m.Cast[0].PersonID, Name: "Imogen Sallow", Role: "Agnes"},
		{PersonID: m.Cast[1].PersonID, Name: "Fergus Oakhurst", Role: "Callum"}}, m.Cast, "empty rows are ignored")
	require.Equal(t, "Harriet Quayle", m.Director())

	// The edit page shows what was saved, cast included, plus empty rows.
	res, body := b.staff(t).Get(t, fmt.Sprintf("/admin/movies/%d/edit", id))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `value="Imogen Sallow"`)
	require.Contains(t, body, `value="Hindi, Tamil"`)
	require.Contains(t, body, `value="2031-04-18"`)
	require.Equal(t, 2+3, strings.Count(body, `name="cast_name"`), "two cast members and three empty rows")

	// Edit: drop the first cast member, add another, rename.
	form := validMovieForm()
	form.Set("title", "The Glass Orchard (Director's Cut)")
	form["cast_name"] = []string{"", "Fergus Oakhurst", "Bettina Marrow"}
	form["cast_role"] = []string{"", "Callum", "Morag"}
	form.Set("status", "now_showing")
	res, _ = b.staff(t).Post(t, fmt.Sprintf("/admin/movies/%d", id), form)
	require.Equal(t, id, redirectID(t, res, "/admin/movies/"))
	m, err = b.Catalog.Movie(ctx, id)
	require.NoError(t, err)
	require.Equal(t, "The Glass Orchard (Director's Cut)", m.Title)
	require.Equal(t, catalog.NowShowing, m.Status)
	require.Len(t, m.Cast, 2)
	require.Equal(t, "Fergus Oakhurst", m.Cast[0].Name)
	require.Equal(t, "Morag", m.Cast[1].Role)

	// And the list shows it.
	_, body = b.staff(t).Get(t, "/admin/movies?q=orchard")
	require.Contains(t, html.UnescapeString(body), "The Glass Orchard (Director's Cut)")
}

func TestAdminMovieFormKeepsInputAndMarksFields(t *testing.T) {
	t.Parallel()
	b := setup(t)
	form := validMovieForm()
	form.Set("title", "  ")
	form.Set("runtime_minutes", "two hours")
	form.Set("synopsis", "Kept exactly as typed <b>here</b>.")
	form.Set("trailer_url", "http://insecure.example/trailer")
	delete(form, "genres")
	form["cast_name"] = []string{"", "Fergus Oakhurst"}
	form["cast_role"] = []string{"The Gardener", "Callum"}

	res, body := b.staff(t).Post(t, "/admin/movies", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, `id="title-error"`)
	require.Contains(t, body, "Enter a title")
	require.Contains(t, body, "Enter the running time in minutes")
	require.Contains(t, body, `value="two hours"`, "the wrong input comes back to be fixed")
	require.Contains(t, body, "Choose one to five genres.")
	require.Contains(t, body, "Enter an https:// link")
	require.Contains(t, body, "Every cast and crew line needs a name")
	require.Contains(t, body, `value="The Gardener"`, "a nameless cast row is kept, not dropped")
	require.Contains(t, body, "Kept exactly as typed &lt;b&gt;here&lt;/b&gt;.")
	require.Contains(t, body, `value="IMAX" checked`)
	_, total, err := b.Catalog.Movies(context.Background(), catalog.MovieFilter{})
	require.NoError(t, err)
	require.Zero(t, total, "nothing was saved")
}

// pngOf encodes a w x h PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x), G: 40, B: uint8(y), A: 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// uploadPoster posts data as the "poster" file named name.
func uploadPoster(t *testing.T, b *testBundle, movieID int64, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("poster", name)
	require.NoError(t, err)
	_, err = part.Write(data)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/admin/movies/%d/poster", b.URL, movieID), &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.staff(t).Do(t, req)
}

func TestAdminPosterUploadChecksTheImage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := newMovie(t, b, "Poster Child")

	res, body := uploadPoster(t, b, m.ID, "poster.png", []byte("just some text pretending to be a picture"))
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, `id="poster-error"`)
	require.Contains(t, body, "Upload a JPEG, PNG or WebP image.")
	require.Contains(t, body, `value="Poster Child"`, "the edit page comes back whole")

	res, body = uploadPoster(t, b, m.ID, "small.png", pngOf(t, 100, 150))
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "at least 200x300 pixels")

	got, err := b.Catalog.Movie(context.Background(), m.ID)
	require.NoError(t, err)
	require.Nil(t, got.PosterImageID, "rejected files are not stored")

	res, _ = uploadPoster(t, b, m.ID, "poster.png", pngOf(t, 300, 450))
	require.Equal(t, m.ID, redirectID(t, res, "/admin/movies/"))
	got, err = b.Catalog.Movie(context.Background(), m.ID)
	require.NoError(t, err)
	require.NotNil(t, got.PosterImageID)
	_, body = b.staff(t).Get(t, fmt.Sprintf("/admin/movies/%d/edit", m.ID))
	require.Contains(t, body, fmt.Sprintf(`src="/media/images/%d"`, *got.PosterImageID))
}

func TestAdminArchiveChangesStatusButKeepsTheMovieListed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := newMovie(t, b, "Old Reel")
	newMovie(t, b, "New Reel")

	res, _ := b.staff(t).Post(t, fmt.Sprintf("/admin/movies/%d/status", m.ID), url.Values{"status": {"archived"}, "back": {"/admin/movies?q=reel"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/admin/movies?q=reel", res.Header.Get("Location"), "back to the list as filtered")
	got, err := b.Catalog.Movie(context.Background(), m.ID)
	require.NoError(t, err)
	require.Equal(t, catalog.Archived, got.Status)

	_, body := b.staff(t).Get(t, "/admin/movies")
	require.Contains(t, body, "Old Reel")
	require.Contains(t, body, "New Reel")
	require.Contains(t, body, ">Archived</span>")
	require.Contains(t, body, ">Restore</button>")

	_, body = b.staff(t).Get(t, "/admin/movies?status=archived")
	require.Contains(t, body, "Old Reel")
	require.NotContains(t, body, "New Reel")

	// Another site can't be the way back.
	res, _ = b.staff(t).Post(t, fmt.Sprintf("/admin/movies/%d/status", m.ID), url.Values{"status": {"now_showing"}, "back": {"//evil.example/"}})
	require.Equal(t, fmt.Sprintf("/admin/movies/%d/edit", m.ID), res.Header.Get("Location"))
	res, _ = b.staff(t).Post(t, fmt.Sprintf("/admin/movies/%d/status", m.ID), url.Values{"status": {"deleted"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
}

func TestAdminMovieListPages(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for i := range catalog.MoviePageSize + 2 {
		newMovie(t, b, fmt.Sprintf("Serial %02d", i))
	}
	_, body := b.staff(t).Get(t, "/admin/movies?q=serial")
	require.Contains(t, body, "Showing 1–50 of 52 movies")
	require.Contains(t, body, `href="/admin/movies?page=2&amp;q=serial"`)
	_, body = b.staff(t).Get(t, "/admin/movies?q=serial&page=2")
	require.Contains(t, body, "Showing 51–52 of 52 movies")
	res, _ := b.staff(t).Get(t, "/admin/movies?q=serial&page=9")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "past the end goes to the last page")
	res, _ = b.staff(t).Get(t, "/admin/movies/abc/edit")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestAdminCreditRowFragment(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, body := b.staff(t).Get(t, "/admin/movies/credit-row?kind=crew", "HX-Request", "true")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `name="crew_name"`)
	require.Contains(t, body, `list="crew-jobs"`)
	require.NotContains(t, body, "<html")
	res, _ = b.staff(t).Get(t, "/admin/movies/credit-row?kind=stunt")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
}

func TestAdminPagesNeedStaff(t *testing.T) {
	t.Parallel()
	b := setup(t)
	customer, _ := b.SignedIn(t, "Casey", account.Customer)
	res, _ := customer.Get(t, "/admin/movies")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = customer.Post(t, "/admin/movies", validMovieForm())
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	_, total, err := b.Catalog.Movies(context.Background(), catalog.MovieFilter{})
	require.NoError(t, err)
	require.Zero(t, total)
	for _, path := range []string{"/admin/theaters", "/admin/theaters/1", "/admin/screens/1/edit"} {
		res, _ = customer.Get(t, path)
		require.Equal(t, http.StatusForbidden, res.StatusCode, path)
	}
}
