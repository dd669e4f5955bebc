package catalog_test

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// upload posts file as the import form does, with mode "import" or "check".
func upload(t *testing.T, b *testBundle, name, content, mode string) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	require.NoError(t, w.WriteField("mode", mode))
	part, err := w.CreateFormFile("file", name)
	require.NoError(t, err)
	_, err = part.Write([]byte(content))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	req, err := http.NewRequest(http.MethodPost, b.URL+"/admin/shows/import", &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, text := b.staff(t).Do(t, req)
	return res, html.UnescapeString(text)
}

// importBundle is a London theater with two 2D screens and a movie.
func importBundle(t *testing.T) (*testBundle, string) {
	t.Helper()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	newScreen(t, b, th.ID, "Screen 1")
	newScreen(t, b, th.ID, "Screen 2", "2D", "IMAX")
	newMovie(t, b, "Long Night")
	return b, th.Slug
}

func TestImportPageExplainsTheFormats(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	res, body := b.staff(t).Get(t, "/admin/shows/import")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "theater,screen,movie,date,time,language,format,subtitles")
	require.Contains(t, body, slug+",Screen 1,long-night,2031-03-13,18:30,English,2D,", "the example uses real names")
	require.Contains(t, body, `enctype="multipart/form-data"`)
}

func TestImportGoodCSVImportsEveryRow(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	file := "theater,screen,movie,date,time,language,format,subtitles\n" +
		slug + ",Screen 1,long-night,2031-03-14,10:00,English,2D,\n" +
		slug + ",Screen 1,long-night,2031-03-14,12:30,Hindi,2D,English\n" +
		slug + ",Screen 2,long-night,2031-03-14,10:00,English,IMAX,\n"

	res, body := upload(t, b, "shows.csv", file, "check")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "All 3 shows in shows.csv can be imported.")
	require.Equal(t, 0, showCount(t, b), "a check imports nothing")

	res, body = upload(t, b, "shows.csv", file, "import")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Imported 3 shows")
	require.Contains(t, body, `href="/admin/shows?date=2031-03-14"`)
	require.Equal(t, 3, showCount(t, b))

	_, list := b.staff(t).Get(t, "/admin/shows?date=2031-03-14")
	require.Contains(t, list, "2D · Hindi · English subtitles")
	require.Contains(t, list, "IMAX · English")
}

func TestImportCSVWithBadRowsImportsNothing(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	file := "theater,screen,movie,date,time,language,format\n" +
		slug + ",Screen 1,long-night,2031-03-14,10:00,English,2D\n" + // line 2: fine
		slug + ",Screen 9,long-night,2031-03-14,10:00,English,2D\n" + // 3
		"nowhere,Screen 1,long-night,2031-03-14,10:00,English,2D\n" + // 4
		slug + ",Screen 1,short-day,14/03/2031,6pm,English,2D\n" + // 5
		slug + ",Screen 1,long-night,2031-03-14,15:00,English,IMAX\n" + // 6
		slug + ",Screen 2,long-night,2031-03-14,15:00,French,2D\n" + // 7
		slug + ",Screen 2,long-night,2031-03-10,15:00,English,2D\n" // 8

	res, body := upload(t, b, "shows.csv", file, "import")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Nothing was imported: 6 lines need fixing in shows.csv")
	for line, reason := range map[int]string{
		3: `Odeon Test has no screen called "Screen 9" (it has Screen 1, Screen 2).`,
		4: `No theater has the slug "nowhere".`,
		5: `No movie has the slug "short-day". The date "14/03/2031" is not like 2031-03-14. The time "6pm" is not like 18:45.`,
		6: "Screen 1 cannot play IMAX; it plays 2D.",
		7: "Long Night is available in English, Hindi.",
		8: "It starts in the past (Mon 10 Mar 2031 15:00 GMT).",
	} {
		require.Contains(t, body, fmt.Sprintf("<td class=\"num\">%d</td><td>%s</td>", line, reason), "line %d", line)
	}
	require.NotContains(t, body, `<td class="num">2</td>`, "line 2 is fine")
	require.Equal(t, 0, showCount(t, b))
}

func TestImportJSONWithAnOverlapInsideTheFileImportsNothing(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	london, _ := time.LoadLocation("Europe/London")
	movie, err := b.Catalog.MovieBySlug(t.Context(), "long-night")
	require.NoError(t, err)
	theater, err := b.Catalog.TheaterBySlug(t.Context(), slug)
	require.NoError(t, err)
	screens, err := b.Catalog.Screens(t.Context(), theater.ID)
	require.NoError(t, err)
	existing := newShow(t, b, movie.ID, screens[1].ID, time.Date(2031, 3, 14, 20, 0, 0, 0, london))

	obj := func(screen, clock string) string {
		return fmt.Sprintf(`{"theater": %q, "screen": %q, "movie": "long-night", "date": "2031-03-14", "time": %q, "language": "English", "format": "2D"}`,
			slug, screen, clock)
	}
	file := "[\n  " + obj("Screen 1", "18:00") + ",\n  " + obj("Screen 1", "19:00") + ",\n  " +
		obj("Screen 2", "19:00") + ",\n  " + obj("Screen 2", "22:30") + "\n]\n"

	res, body := upload(t, b, "shows.json", file, "import")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, `<td class="num">3</td><td>Screen 1 is taken by line 2: 'Long Night' 18:00–20:30, cleaning included.</td>`)
	require.Contains(t, body, fmt.Sprintf(`<td class="num">4</td><td>Screen 2 is taken by 'Long Night' 20:00–22:30, cleaning included (show #%d).</td>`, existing.ID))
	require.NotContains(t, body, `<td class="num">5</td>`, "22:30 is free again")
	require.Equal(t, 1, showCount(t, b))
}

func TestImportRejectsOversizedUploads(t *testing.T) {
	t.Parallel()
	b, _ := importBundle(t)
	res, body := upload(t, b, "huge.csv", strings.Repeat("x", 3<<20), "import")
	require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
	require.Contains(t, body, "huge.csv is larger than 2 MB; split it into smaller files.")

	res, body = upload(t, b, "empty.csv", "", "import")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "The file is empty.")
	require.Equal(t, 0, showCount(t, b))
}

func TestImportOfAMalformedUploadShowsTheFormAgain(t *testing.T) {
	t.Parallel()
	b, _ := importBundle(t)
	staff := b.staff(t)
	for name, body := range map[string]string{
		"cut short":      "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shows.csv\"\r\n\r\ntheater,screen",
		"not multipart":  "--other\r\n\r\nnothing here\r\n--other--\r\n",
		"broken headers": "--xyz\r\nContent-Disposition form-data\r\n\r\n\r\n--xyz--\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest(http.MethodPost, b.URL+"/admin/shows/import", strings.NewReader(body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "multipart/form-data; boundary=xyz")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			res, page := staff.Do(t, req)
			require.Equal(t, http.StatusBadRequest, res.StatusCode)
			page = html.UnescapeString(page)
			require.Contains(t, page, "Nothing was imported.")
			require.Contains(t, page, "couldn't read that upload", "the admin is told what went wrong")
			require.Contains(t, page, `enctype="multipart/form-data"`, "and gets the form to try again")
			require.Equal(t, 0, showCount(t, b))
		})
	}
}

func TestImportOfAnUploadOverTheBodyLimitShowsTheFormAgain(t *testing.T) {
	t.Parallel()
	b, _ := importBundle(t)
	// Sent without a length (chunked), so only reading finds it too large.
	head := strings.NewReader("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shows.csv\"\r\n\r\n")
	req, err := http.NewRequest(http.MethodPost, b.URL+"/admin/shows/import",
		io.MultiReader(head, strings.NewReader(strings.Repeat("x", 9<<20))))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=xyz")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, page := b.staff(t).Do(t, req)
	require.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
	require.Contains(t, html.UnescapeString(page), "larger than 2 MB")
	require.Contains(t, page, `enctype="multipart/form-data"`)
}
