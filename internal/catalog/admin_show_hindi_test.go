package catalog_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// TestAdminLayoutEditorAndScheduleFormInHindi reads the seat-layout
// editor and the new-show form as a staff member who chose Hindi with the
// language switcher: headings, tools, seat names, the status bar and the
// form's labels and messages are Hindi; names and data stay as typed.
func TestAdminLayoutEditorAndScheduleFormInHindi(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1") // 5 x 10, back row premium
	newMovie(t, b, "Long Night")
	a := b.staff(t)
	a.SetCookie(t, i18n.CookieName, "hi")

	res, body := a.Get(t, fmt.Sprintf("/admin/screens/%d/edit", sc.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	page := html.UnescapeString(body)
	require.Contains(t, page, `<html lang="hi"`)
	require.Contains(t, page, "Odeon Test</a> › सीट लेआउट", "the crumbs")
	require.Contains(t, page, ">पंक्ति A सीट 1, स्टैंडर्ड<", "a seat's name for screen readers")
	require.Contains(t, page, "पंक्ति E सीट 10, प्रीमियम")
	require.Contains(t, page, `aria-label="टूल"`, "the palette")
	require.Contains(t, page, "व्हीलचेयर की जगह", "a tool")
	require.Contains(t, page, "कोई बिना सहेजा बदलाव नहीं।", "the status bar")
	require.Contains(t, page, "5 पंक्तियाँ × 10 कॉलम")
	require.Contains(t, page, "लेआउट सहेजें", "the save button")
	require.NotContains(t, page, "Save layout")
	require.NotContains(t, page, "Seat numbers")

	// An edit answers htmx with a Hindi announcement.
	res, body = a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID),
		url.Values{"tool": {"gap"}, "row": {"0"}, "col": {"0"}}, hxHeaders...)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.Contains(t, html.UnescapeString(body), "पंक्ति A, कॉलम 1 अब खाली जगह है। 49 सीटें।")

	res, body = a.Get(t, "/admin/shows/new")
	require.Equal(t, http.StatusOK, res.StatusCode)
	page = html.UnescapeString(body)
	require.Contains(t, page, "<h1")
	require.Contains(t, page, "शो तय करें", "the title")
	require.Contains(t, page, ">शुरू होने का समय</label>")
	require.Contains(t, page, ">फ़िल्म चुनें</option>")
	require.Contains(t, page, "Screen 1 · 2D · 50 सीटें", "a screen's seats, its name as typed")
	require.Contains(t, page, "प्रति सीट कीमतें")
	require.Contains(t, page, "Long Night", "movie titles stay as they are")
	require.NotContains(t, page, "Start time")

	res, body = a.Post(t, "/admin/shows", url.Values{"movie": {""}, "screen": {fmt.Sprint(sc.ID)}, "date": {"2031-03-14"}, "time": {"late"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	page = html.UnescapeString(body)
	require.Contains(t, page, "कोई फ़िल्म चुनें।")
	require.Contains(t, page, "शुरू होने का समय लिखें, जैसे 18:45।")
	require.Contains(t, page, "कृपया 4 चीज़ें ठीक करके फिर कोशिश करें:", "movie, time, format and language")
}
