package catalog_test

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// TestAdminMovieListAndTheaterFormInHindi reads the movie list and the
// theater form as a staff member who chose Hindi with the language
// switcher: headings, filters, statuses, dates, labels, amenities and the
// form's field errors are Hindi; titles and typed values stay as they are.
func TestAdminMovieListAndTheaterFormInHindi(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newCity(t, b, "London", "Europe/London", "GBP")
	m := newMovie(t, b, "Long Night")
	a := b.staff(t)
	a.SetCookie(t, i18n.CookieName, "hi")

	res, body := a.Get(t, "/admin/movies")
	require.Equal(t, http.StatusOK, res.StatusCode)
	page := html.UnescapeString(body)
	require.Contains(t, page, `<html lang="hi"`)
	require.Contains(t, page, "फ़िल्म जोड़ें", "the add button")
	require.Contains(t, page, `placeholder="शीर्षक खोजें"`, "the search box")
	require.Contains(t, page, ">सभी स्थितियाँ</option>", "the status filter")
	require.Contains(t, page, "1 में से 1–1 फ़िल्म दिखाई जा रही है", "the count, in its singular")
	require.Contains(t, page, ">अभी चल रही हैं</span>", "the status badge")
	require.Contains(t, page, i18n.Date(i18n.WithLang(t.Context(), "hi"), m.ReleaseDate), "the release date")
	require.Contains(t, page, `aria-label="Long Night बदलें"`, "the edit link names the movie as typed")
	require.Contains(t, page, ">संग्रह में डालें</button>", "the archive action")
	require.NotContains(t, page, "Add movie")
	require.NotContains(t, page, "Showing 1")

	res, body = a.Get(t, "/admin/theaters/new")
	require.Equal(t, http.StatusOK, res.StatusCode)
	page = html.UnescapeString(body)
	require.Contains(t, page, "नया थिएटर", "the title")
	require.Contains(t, page, ">समय क्षेत्र</label>")
	require.Contains(t, page, ">शहर चुनें</option>")
	require.Contains(t, page, ">London</option>", "city names stay as they are")
	require.Contains(t, page, "पार्किंग", "an amenity")
	require.Contains(t, page, "थिएटर बनाएँ", "the submit button")
	require.NotContains(t, page, "Create theater")

	// A rejected form comes back with Hindi field errors.
	form := theaterForm("Odeon Luxe")
	form.Set("time_zone", "Mars/Olympus_Mons")
	form.Set("latitude", "north-ish")
	res, body = a.Post(t, "/admin/theaters", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	page = html.UnescapeString(body)
	require.Contains(t, page, "कृपया चिह्नित फ़ील्ड ठीक करें।", "the summary")
	require.Contains(t, page, "IANA समय क्षेत्र लिखें, जैसे Asia/Kolkata।")
	require.Contains(t, page, "अक्षांश संख्या में लिखें, जैसे 51.5072।")
	require.Contains(t, page, `value="Odeon Luxe"`, "the input as typed")
	require.NotContains(t, page, "Enter an IANA time zone")
}

// TestAdminImportReportInHindi uploads a file with bad lines as a staff
// member reading Hindi: the report and each line's reasons are Hindi, the
// slugs and names quoted from the file stay as they are.
func TestAdminImportReportInHindi(t *testing.T) {
	t.Parallel()
	b, slug := importBundle(t)
	file := "theater,screen,movie,date,time,language,format\n" +
		slug + ",Screen 9,long-night,2031-03-14,10:00,English,2D\n" + // line 2
		"nowhere,Screen 1,long-night,2031-03-14,10:00,English,2D\n" // 3
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	require.NoError(t, w.WriteField("mode", "check"))
	part, err := w.CreateFormFile("file", "shows.csv")
	require.NoError(t, err)
	_, err = part.Write([]byte(file))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	req, err := http.NewRequest(http.MethodPost, b.URL+"/admin/shows/import", &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: i18n.CookieName, Value: "hi"})
	res, text := b.staff(t).Do(t, req)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	page := html.UnescapeString(text)
	require.Contains(t, page, "कुछ भी आयात नहीं हुआ: shows.csv की 2 पंक्तियाँ ठीक करनी हैं")
	require.Contains(t, page, `Odeon Test में "Screen 9" नाम की कोई स्क्रीन नहीं है (इसमें Screen 1, Screen 2 हैं)।`)
	require.Contains(t, page, `किसी थिएटर का स्लग "nowhere" नहीं है।`)
	require.Contains(t, page, ">क्या गलत है</th>")
	require.NotContains(t, page, "No theater has the slug")
}
