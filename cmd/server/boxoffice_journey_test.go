package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestBoxOfficeSaleShowsOnEveryMapAndInTheManagersReport is the counter
// and the back office in browsers, with the demo's staff: a buyer has a
// show's seat map open on a phone; the box office clerk of Marquee
// Riverside opens a till, sells the next two seats for cash on a tablet,
// and the buyer's map turns those seats taken without a reload; then the
// theater's manager finds the sale in the takings report (counter, cash),
// sees no other theater's figures, is refused another theater's report,
// and exports the report as CSV.
func TestBoxOfficeSaleShowsOnEveryMapAndInTheManagersReport(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	clerk, buyer, manager := browser(t), browser(t), browser(t)
	signIn(t, clerk, base, "boxoffice@marquee.test", "marquee-boxoffice")

	var show string
	step(t, clerk, "the clerk opens a till with a float and picks the next show",
		chromedp.EmulateViewport(1024, 768),
		chromedp.Navigate(base+"/admin/till"),
		chromedp.SendKeys("#till-float", "100.00", chromedp.ByQuery),
		chromedp.Click(`form[action="/admin/till/open"] button[type=submit]`, chromedp.ByQuery),
		// Opening the till lands on the counter's shows (the nav's Counter
		// link is on the till page too, so it is no sign of the landing).
		chromedp.WaitVisible(`a.counter-show`, chromedp.ByQuery),
		chromedp.AttributeValue(`a.counter-show`, "href", &show, nil, chromedp.ByQuery),
	)
	id := regexp.MustCompile(`/admin/counter/shows/(\d+)$`).FindStringSubmatch(show)
	require.NotNil(t, id, "a counter show link: %q", show)

	step(t, buyer, "a buyer has the same show's seat map open on a phone",
		chromedp.Navigate(base+"/shows/"+id[1]+"/seats"),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
	)

	var seats []string
	step(t, clerk, "the clerk ticks the first two free seats",
		chromedp.Navigate(base+show),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => {
			const free = [...document.querySelectorAll('label.sm-seat[data-state="free"] input[name=seats]')].slice(0, 2);
			free.forEach(i => i.click());
			return free.map(i => i.value);
		})()`, &seats),
	)
	require.Len(t, seats, 2, "two free seats to sell")
	var receipt string
	step(t, clerk, "and sells them for cash",
		chromedp.SendKeys("#counter-tendered", "50.00", chromedp.ByQuery),
		chromedp.Click(`button[data-seatmap-submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.print-receipt`, chromedp.ByQuery),
		chromedp.Text(`main`, &receipt, chromedp.ByQuery),
	)
	for _, s := range seats {
		require.Contains(t, receipt, "Seat "+s, "a printable ticket for each seat")
	}

	step(t, buyer, "the buyer's open map shows the sold seats taken, without a reload",
		chromedp.Poll(fmt.Sprintf(`[%q, %q].every(s => {
			const i = document.querySelector('input[name=seats][value="' + s + '"]');
			return i.disabled && i.closest('.sm-seat').dataset.state !== 'free';
		})`, seats[0], seats[1]), nil),
	)

	signIn(t, manager, base, "manager@marquee.test", "marquee-manager")
	var report string
	var theaters []string
	step(t, manager, "the manager reads the takings report",
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/admin/reports?report=takings"),
		chromedp.WaitVisible(`main table`, chromedp.ByQuery),
		chromedp.Text(`main`, &report, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#rp-theater option')].map(o => o.textContent.trim())`, &theaters),
	)
	require.Contains(t, report, "Counter · cash", "the counter sale is in the takings")
	require.NotContains(t, strings.Join(theaters, "|"), "Apex", "no other chain's theaters to choose: %v", theaters)
	require.Contains(t, strings.Join(theaters, "|"), "Marquee Riverside")

	var status int
	other := otherChainsTheater(t, base)
	step(t, manager, "another theater's report does not exist for them",
		chromedp.Evaluate(fmt.Sprintf(`fetch('/admin/reports?report=takings&theater=%d').then(r => r.status)`, other),
			&status, awaitPromise),
	)
	require.Equal(t, http.StatusNotFound, status)

	var csv struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		Body   string `json:"body"`
	}
	step(t, manager, "and the report exports as CSV",
		chromedp.Evaluate(`(async () => {
			const a = document.querySelector('a[href^="/admin/reports/takings.csv"]');
			const r = await fetch(a.getAttribute('href'));
			return {status: r.status, type: r.headers.get('content-type'), body: await r.text()};
		})()`, &csv, awaitPromise),
	)
	require.Equal(t, http.StatusOK, csv.Status)
	require.True(t, strings.HasPrefix(csv.Type, "text/csv"), "content type %q", csv.Type)
	require.Contains(t, csv.Body, "cash", "the CSV has the counter's cash takings:\n%s", csv.Body)
}

// otherChainsTheater is the id of a Mumbai theater (Apex Multiplex's),
// read from the public API.
func otherChainsTheater(t *testing.T, base string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/theaters?city=mumbai", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	m := regexp.MustCompile(`"id":\s*(\d+)`).FindSubmatch(body)
	require.NotNil(t, m, "a Mumbai theater: %s", body)
	var id int64
	_, err = fmt.Sscan(string(m[1]), &id)
	require.NoError(t, err)
	return id
}
