package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog/demo"
)

// seatMapProbes are functions the seat-map tests call in the page: where
// things are, which seat can be tapped, and the layout shift so far.
const seatMapProbes = `
window.__cls = 0;
new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__cls += e.value; }))
	.observe({type: 'layout-shift', buffered: true});
window.layoutShift = () => window.__cls;
window.scroller = () => document.querySelector('[data-seatmap-scroll]');
window.seat = v => document.querySelector('input[name=seats][value="' + v + '"]');
window.center = el => { const r = el.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; };
// covered: the element at el's centre is over (or is) what covers it.
window.covered = (el, over) => { const c = center(el); const top = document.elementFromPoint(c.x, c.y);
	return top === over || over.contains(top); };
// tappable: a free, unchosen standard seat in the middle of the house.
window.tappable = () => { const all = [...document.querySelectorAll('.sm-seat[data-state=free][data-kind=standard] input:not(:checked)')];
	return all[Math.floor(all.length / 2)]; };
`

// screenSeatMap finds, on the theater's page, a showtime on the screen
// named screen (today or a later day) and returns its seat map's URL.
// It installs seatMapProbes for the pages ctx opens from then on.
func screenSeatMap(t *testing.T, ctx context.Context, base, theater, screen string) string {
	t.Helper()
	addProbes(t, ctx, seatMapProbes)
	var days []string
	step(t, ctx, "open "+theater, chromedp.Navigate(base+"/theaters/"+theater), chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Evaluate(`[location.href, ...[...document.querySelectorAll('a.date-strip__day:not(.is-empty)')].map(a => a.href)]`, &days))
	for _, day := range days {
		var href string
		step(t, ctx, "look for "+screen+" on "+day, chromedp.Navigate(day), chromedp.WaitVisible(`main`, chromedp.ByQuery),
			chromedp.Evaluate(`(document.querySelector('a.chip[title="`+screen+`"]') || {}).href || ''`, &href))
		if href != "" {
			return strings.TrimSuffix(href, "/seats") + "/seats" // the chip may lead to the show's page or its seats
		}
	}
	t.Fatalf("no show on %s at %s in the days the page offers", screen, theater)
	return ""
}

// addProbes runs js in every page ctx opens from then on.
func addProbes(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	step(t, ctx, "install the page probes", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(js).Do(ctx)
		return err
	}))
}

// screenShow is a show on one screen of the demo.
type screenShow struct {
	name string // "Marquee Riverside · IMAX"
	slug string // for screenshots
	id   int64
}

// demoScreenShows finds through the public API one show on every screen
// of every city (today or a later day): every seat layout the demo has.
func demoScreenShows(t *testing.T, base string) []screenShow {
	t.Helper()
	var cities struct{ Items []struct{ Slug string } }
	getJSON(t, base+"/api/v1/cities", &cities)
	var out []screenShow
	for _, c := range cities.Items {
		var theaters struct {
			Items []struct {
				ID   int64
				Name string
			}
		}
		getJSON(t, base+"/api/v1/theaters?limit=100&city="+url.QueryEscape(c.Slug), &theaters)
		for _, th := range theaters.Items {
			out = append(out, theaterScreenShows(t, base, th.ID, th.Name)...)
		}
	}
	require.NotEmpty(t, out, "the demo has screens")
	return out
}

// theaterScreenShows finds a show on each of theater id's screens, day by
// day from today.
func theaterScreenShows(t *testing.T, base string, id int64, theater string) []screenShow {
	t.Helper()
	found := map[string]int64{}
	var screens []string
	date := ""
	for day := 0; day < demo.Days; day++ {
		var page struct {
			Date    string
			Screens []struct{ Name string }
			Movies  []struct {
				Shows []struct {
					ID     int64
					Screen string
				}
			}
		}
		getJSON(t, fmt.Sprintf("%s/api/v1/theaters/%d?date=%s", base, id, date), &page)
		if screens == nil {
			for _, s := range page.Screens {
				screens = append(screens, s.Name)
			}
		}
		for _, m := range page.Movies {
			for _, s := range m.Shows {
				if _, ok := found[s.Screen]; !ok {
					found[s.Screen] = s.ID
				}
			}
		}
		if len(found) == len(screens) {
			break
		}
		d, err := time.Parse(time.DateOnly, page.Date)
		require.NoError(t, err)
		date = d.AddDate(0, 0, 1).Format(time.DateOnly)
	}
	out := make([]screenShow, 0, len(screens))
	for _, s := range screens {
		require.Contains(t, found, s, "a show on %s at %s", s, theater)
		name := theater + " · " + s
		out = append(out, screenShow{name: name, slug: seatMapSlug(name), id: found[s]})
	}
	return out
}

// getJSON decodes the JSON body of GET u, which must answer 200.
func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	res, err := http.Get(u)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, u)
	require.NoError(t, json.NewDecoder(res.Body).Decode(v), u)
}

func evalFloat(t *testing.T, ctx context.Context, js string) float64 {
	t.Helper()
	var v float64
	step(t, ctx, js, chromedp.Evaluate(js, &v))
	return v
}

func evalInt(t *testing.T, ctx context.Context, js string) int {
	t.Helper()
	return int(evalFloat(t, ctx, js))
}

func evalBool(t *testing.T, ctx context.Context, js string) bool {
	t.Helper()
	var v bool
	step(t, ctx, js, chromedp.Evaluate(js, &v))
	return v
}

func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	var v string
	step(t, ctx, js, chromedp.Evaluate(js, &v))
	require.NotNil(t, v)
	return v
}
