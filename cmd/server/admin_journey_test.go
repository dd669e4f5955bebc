package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestAdminJourney is a cinema admin's afternoon in headless Chromium: the
// dashboard's figures, a new movie (a missing title caught first), a show
// of it scheduled on a screen and found in the day's list, its seat map,
// then the show cancelled and marked so; the payments and outbox pages
// open, and the menu leads to the reviews.
func TestAdminJourney(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	signIn(t, ctx, base, "admin@marquee.test", "marquee-admin")

	var figures []string
	step(t, ctx, "the dashboard shows today's figures",
		chromedp.Navigate(base+"/admin"),
		chromedp.WaitVisible(`.dash-stats .dash-stat__value`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.dash-stat')).map(s => s.innerText.replace(/\s+/g, ' ').trim())`, &figures),
	)
	require.Len(t, figures, 3)
	require.Regexp(t, `^[\d,]+ shows today$`, figures[0])
	require.Regexp(t, `^[\d,]+ seats sold today of [\d,]+`, figures[1])
	require.Regexp(t, `^[1-9][\d,]* movies now showing$`, figures[2], "the demo data has movies on")

	const title = "Paper Moons Over Leith"
	var problem string
	step(t, ctx, "a new movie without its title is refused, with the problem by the field",
		chromedp.Navigate(base+"/admin/movies/new"),
		chromedp.WaitVisible(`form.cat-form #title`, chromedp.ByQuery),
		chromedp.SendKeys(`#tagline`, "Two sisters, one lighthouse, no signal.", chromedp.ByQuery),
		chromedp.SendKeys(`#synopsis`, "A keeper's daughters come home to a town that forgot them.", chromedp.ByQuery),
		chromedp.SendKeys(`#runtime_minutes`, "104", chromedp.ByQuery),
		chromedp.SetValue(`#release_date`, time.Now().AddDate(0, 0, -7).Format(time.DateOnly), chromedp.ByQuery),
		chromedp.SetValue(`#status`, "now_showing", chromedp.ByQuery),
		chromedp.SendKeys(`#original_language`, "English", chromedp.ByQuery),
		chromedp.SendKeys(`#subtitle_languages`, "French", chromedp.ByQuery),
		chromedp.Click(`input[name=genres][value="Drama"]`, chromedp.ByQuery),
		chromedp.Click(`input[name=genres][value="Mystery"]`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=formats][value="2D"]:checked`, chromedp.ByQuery), // the default
		chromedp.Click(`input[name=formats][value="IMAX"]`, chromedp.ByQuery),
		chromedp.SendKeys(`input[name=cast_name]`, "Ada Morrow", chromedp.ByQuery),
		chromedp.SendKeys(`input[name=cast_role]`, "Ellen", chromedp.ByQuery),
		chromedp.Click(`form.cat-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#title-error`, chromedp.ByQuery),
		chromedp.Text(`#title-error`, &problem, chromedp.ByQuery),
	)
	require.NotEmpty(t, strings.TrimSpace(problem))
	var kept []string
	step(t, ctx, "what was typed is kept",
		chromedp.WaitVisible(`.cat-summary`, chromedp.ByQuery),
		chromedp.Evaluate(`[document.querySelector('#runtime_minutes').value,
			document.querySelector('input[name=genres][value="Mystery"]').checked ? 'Mystery' : '',
			Array.from(document.querySelectorAll('input[name=formats]:checked')).map(f => f.value).join(','),
			document.querySelector('#original_language').value]`, &kept),
	)
	require.Equal(t, []string{"104", "Mystery", "2D,IMAX", "English"}, kept)

	var editURL, added string
	step(t, ctx, "with its title the movie is created",
		chromedp.SendKeys(`#title`, title, chromedp.ByQuery),
		chromedp.Click(`form.cat-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.cat-aside`, chromedp.ByQuery),
		chromedp.Location(&editURL),
		chromedp.Text(`#alerts`, &added, chromedp.ByQuery),
	)
	m := regexp.MustCompile(`/admin/movies/(\d+)/edit`).FindStringSubmatch(editURL)
	require.NotNil(t, m, "on the new movie's edit page: %s", editURL)
	movieID := m[1]
	require.Contains(t, added, title)

	day := time.Now().AddDate(0, 0, 40).Format(time.DateOnly)
	var screen, listURL, scheduled string
	step(t, ctx, "schedule a show of it on a 2D screen",
		chromedp.Navigate(base+"/admin/shows/new?movie="+movieID),
		chromedp.WaitVisible(`form.show-form #screen`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('#screen option')).find(o => o.value && o.textContent.includes('2D')).value`, &screen),
	)
	require.NotEmpty(t, screen)
	step(t, ctx, "fill in the show form and send it",
		chromedp.SetValue(`#screen`, screen, chromedp.ByQuery),
		chromedp.SetValue(`#date`, day, chromedp.ByQuery),
		chromedp.SetValue(`#time`, "09:15", chromedp.ByQuery),
		chromedp.SetValue(`#format`, "2D", chromedp.ByQuery),
		chromedp.SetValue(`#language`, "English", chromedp.ByQuery),
		chromedp.SetValue(`#subtitles`, "French", chromedp.ByQuery),
		chromedp.Click(`form.show-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`table.show-table`, chromedp.ByQuery),
		chromedp.Location(&listURL),
		chromedp.Text(`#alerts`, &scheduled, chromedp.ByQuery),
	)
	m = regexp.MustCompile(`#show-(\d+)$`).FindStringSubmatch(listURL)
	require.NotNil(t, m, "the list points at the new show: %s", listURL)
	showID := m[1]
	require.Contains(t, scheduled, "Scheduled show #"+showID)

	var row string
	step(t, ctx, "the show is listed on its day",
		chromedp.WaitVisible(`#show-`+showID, chromedp.ByQuery),
		chromedp.Text(`#show-`+showID, &row, chromedp.ByQuery),
	)
	require.Contains(t, row, title)
	require.Contains(t, row, "09:15")
	require.Contains(t, row, "0/")

	var occupancy string
	step(t, ctx, "its seat map, from the show's bookings",
		chromedp.Navigate(base+"/admin/bookings?show="+showID),
		chromedp.WaitVisible(`a[href="/admin/shows/`+showID+`/occupancy"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="/admin/shows/`+showID+`/occupancy"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#occ-live`, chromedp.ByQuery),
		chromedp.Text(`main`, &occupancy, chromedp.ByQuery),
	)
	require.Contains(t, occupancy, title)
	require.Regexp(t, `0 of \d+ seats sold`, occupancy)

	var cancelled, badge string
	step(t, ctx, "cancel the show from the list, confirming",
		chromedp.Navigate(listURL),
		chromedp.WaitVisible(`#show-`+showID+` a.btn--danger`, chromedp.ByQuery),
		chromedp.Click(`#show-`+showID+` a.btn--danger`, chromedp.ByQuery),
		chromedp.WaitVisible(`.show-warning form button.btn--danger`, chromedp.ByQuery),
		chromedp.Click(`.show-warning form button.btn--danger`, chromedp.ByQuery),
		chromedp.WaitVisible(`#show-`+showID+`.is-cancelled`, chromedp.ByQuery),
		chromedp.Text(`#alerts`, &cancelled, chromedp.ByQuery),
		chromedp.Text(`#show-`+showID+` .badge`, &badge, chromedp.ByQuery),
	)
	require.Contains(t, cancelled, "Cancelled show #"+showID)
	require.Equal(t, "Cancelled", strings.TrimSpace(badge))
	var actions int
	step(t, ctx, "a cancelled show offers no more actions",
		chromedp.Evaluate(`document.querySelectorAll('#show-`+showID+` .show-table__actions a').length`, &actions))
	require.Zero(t, actions)

	for _, page := range []struct{ path, heading, part string }{
		{"/admin/payments", "Payments", ".pa-filter"},
		{"/admin/outbox", "Outbox", ".outbox-stats"},
	} {
		var heading string
		step(t, ctx, "open "+page.path,
			chromedp.Navigate(base+page.path),
			chromedp.WaitVisible(`#admin-title`, chromedp.ByQuery),
			chromedp.WaitVisible(page.part, chromedp.ByQuery),
			chromedp.Text(`#admin-title`, &heading, chromedp.ByQuery),
		)
		require.Equal(t, page.heading, strings.TrimSpace(heading))
	}

	var reviews string
	step(t, ctx, "the admin menu leads to the reviews",
		chromedp.Click(`nav.admin__nav a[href="/admin/reviews"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`nav.admin__nav a[href="/admin/reviews"][aria-current=page]`, chromedp.ByQuery),
		chromedp.Text(`#admin-title`, &reviews, chromedp.ByQuery),
	)
	require.Equal(t, "Reviews", strings.TrimSpace(reviews))
}
