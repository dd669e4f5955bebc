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

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// pageFixtures finds, in the demo data, what the pages of TestPagesA11y
// are about (a movie, a theater, an IMAX show and a small screen's show),
// and makes the bookings behind the checkout, pay and ticket pages when a
// page first needs one, so that running one page runs only its part.
type pageFixtures struct {
	t      *testing.T
	base   string
	tabs   map[string]*pageTab // by role, opened when first used
	parent context.Context     // the browser

	theaterID int64
	theater   string // slug
	movie     string // slug
	imaxShow  int64
	imaxScr   int64 // the IMAX screen, for the layout editor
	smallShow int64
	others    []int64 // shows to buy on, one per booking

	dbURL string // the site's database, for what its pages cannot make (a sold-out show)

	buyer *webtest.Browser // the demo customer, signed in over HTTP
	token string           // and over the API
	memo  map[string]string

	closers []func() // the tabs', run when the whole test ends
}

// roles' demo sign-ins; "anonymous" signs in nowhere.
var roleLogins = map[string][2]string{
	"customer": {"customer@marquee.test", "marquee-customer"},
	"staff":    {"staff@marquee.test", "marquee-staff"},
	"admin":    {"admin@marquee.test", "marquee-admin"},
	// The demo's cinema staff: Lumière's admin, and Marquee Riverside's
	// manager, box office and door.
	"chainadmin": {"lumiere-admin@marquee.test", "marquee-lumiere"},
	"manager":    {"manager@marquee.test", "marquee-manager"},
	"boxoffice":  {"boxoffice@marquee.test", "marquee-boxoffice"},
	"door":       {"door@marquee.test", "marquee-door"},
	// The customer again, in a tab that chose London (memberPath).
	"member": {"customer@marquee.test", "marquee-customer"},
}

// newPageFixtures picks Marquee Riverside in London and its shows of
// tomorrow (every show of today may have started).
func newPageFixtures(t *testing.T, parent context.Context, base string) *pageFixtures {
	t.Helper()
	f := &pageFixtures{t: t, base: base, parent: parent, tabs: map[string]*pageTab{}, memo: map[string]string{}}
	t.Cleanup(func() {
		for _, c := range f.closers {
			c()
		}
	})
	f.buyer = webtest.NewBrowser(t, base)
	var theaters struct {
		Items []struct {
			ID   int64  `json:"id"`
			Slug string `json:"slug"`
		} `json:"items"`
	}
	apiJSON(t, f.buyer, "", http.MethodGet, "/api/v1/theaters?city=london", nil, http.StatusOK, &theaters)
	for _, th := range theaters.Items {
		if th.Slug == "marquee-riverside" {
			f.theaterID, f.theater = th.ID, th.Slug
		}
	}
	require.NotZero(t, f.theaterID, "the demo's Marquee Riverside")
	zone, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	var page struct {
		Screens []struct {
			ID        int64    `json:"id"`
			Name      string   `json:"name"`
			Formats   []string `json:"formats"`
			SeatCount int      `json:"seat_count"`
		} `json:"screens"`
		Movies []struct {
			Movie struct {
				Slug string `json:"slug"`
			} `json:"movie"`
			Shows []struct {
				ID     int64  `json:"id"`
				Screen string `json:"screen"`
			} `json:"shows"`
		} `json:"movies"`
	}
	day := time.Now().In(zone).AddDate(0, 0, 1).Format(time.DateOnly)
	apiJSON(t, f.buyer, "", http.MethodGet, fmt.Sprintf("/api/v1/theaters/%d?date=%s", f.theaterID, day), nil, http.StatusOK, &page)
	var imax, small string
	smallest := 1 << 30
	for _, s := range page.Screens {
		if strings.Contains(s.Name, "IMAX") {
			imax, f.imaxScr = s.Name, s.ID
		}
		if s.SeatCount < smallest {
			small, smallest = s.Name, s.SeatCount
		}
	}
	for _, m := range page.Movies {
		for _, s := range m.Shows {
			switch {
			case s.Screen == imax && f.imaxShow == 0:
				f.imaxShow, f.movie = s.ID, m.Movie.Slug
			case s.Screen == small && f.smallShow == 0:
				f.smallShow = s.ID
			default:
				f.others = append(f.others, s.ID)
			}
		}
	}
	require.True(t, f.imaxShow != 0 && f.smallShow != 0 && len(f.others) >= 3, "tomorrow's shows at %s: %+v", f.theater, page.Movies)
	return f
}

// tab is role's tab, signed in on first use.
func (f *pageFixtures) tab(role string) *pageTab {
	if tab, ok := f.tabs[role]; ok {
		return tab
	}
	tab, closeTab := newPageTab(f.t, f.parent)
	f.closers = append(f.closers, closeTab)
	if login, ok := roleLogins[role]; ok {
		signIn(f.t, tab.ctx, f.base, login[0], login[1])
	}
	f.tabs[role] = tab
	return tab
}

// once computes a fixture's URL the first time it is asked for.
func (f *pageFixtures) once(key string, mk func() string) string {
	if v, ok := f.memo[key]; ok {
		return v
	}
	v := mk()
	f.memo[key] = v
	return v
}

// signInBuyer signs the demo customer in, over HTTP and the API, once.
func (f *pageFixtures) signInBuyer() {
	if f.token != "" {
		return
	}
	login := roleLogins["customer"]
	f.buyer.SignIn(f.t, login[0], login[1])
	var pair struct {
		Access string `json:"access_token"`
	}
	apiJSON(f.t, f.buyer, "", http.MethodPost, "/api/v1/auth/token", map[string]string{"email": login[0], "password": login[1]},
		http.StatusOK, &pair)
	f.token = pair.Access
}

// hold holds the best 2 seats on the next unused show for the demo
// customer, through the API, and returns the booking's id.
func (f *pageFixtures) hold() int64 {
	t := f.t
	f.signInBuyer()
	show := f.others[0]
	f.others = f.others[1:]
	var hold struct {
		ID int64 `json:"id"`
	}
	apiJSON(t, f.buyer, f.token, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", show), map[string]int{"best": 2},
		http.StatusCreated, &hold)
	return hold.ID
}

// checkout is a held booking's checkout page.
func (f *pageFixtures) checkout() string {
	return f.once("checkout", func() string { return fmt.Sprintf("/bookings/%d/checkout", f.hold()) })
}

// pay is the pay page of a booking waiting for its card.
func (f *pageFixtures) pay() string {
	return f.once("pay", func() string { return f.startPaying(f.hold()) })
}

func (f *pageFixtures) startPaying(id int64) string {
	res, body := f.buyer.Post(f.t, fmt.Sprintf("/bookings/%d/pay", id), url.Values{})
	require.Equal(f.t, http.StatusSeeOther, res.StatusCode, "on to the pay page: %s", body)
	return res.Header.Get("Location")
}

// booking is a paid, confirmed booking's page; its code is memoised as
// "code".
func (f *pageFixtures) booking() string {
	return f.once("booking", func() string {
		id := f.hold()
		pay := f.startPaying(id)
		f.memo["payment"] = pay
		res, body := f.buyer.Post(f.t, pay+"/card", url.Values{"number": {"4242 4242 4242 4242"}, "expiry": {"12/40"},
			"cvc": {"123"}, "name": {"Casey Customer"}})
		require.Less(f.t, res.StatusCode, 400, body)
		var b struct {
			Status string `json:"status"`
			Code   string `json:"code"`
		}
		require.Eventually(f.t, func() bool {
			apiJSON(f.t, f.buyer, f.token, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", id), nil, http.StatusOK, &b)
			return b.Status == "confirmed"
		}, 2*time.Minute, 50*time.Millisecond, "the booking is confirmed")
		f.memo["code"] = b.Code
		return fmt.Sprintf("/bookings/%d", id)
	})
}

// memberPath is path for the demo customer once they have a confirmed
// booking, in a tab that chose London: the pages then carry "Showtimes
// for you" and "Theaters you may like".
func (f *pageFixtures) memberPath(path string) string {
	f.once("member-city", func() string {
		f.booking()
		step(f.t, f.tab("member").ctx, "choose London",
			chromedp.Navigate(f.base+"/cities"),
			chromedp.Click(`button[name=city][value=london]`, chromedp.ByQuery),
			chromedp.WaitVisible(`a.poster-card__link`, chromedp.ByQuery))
		return "london"
	})
	return path
}

// code is the confirmed booking's code.
func (f *pageFixtures) code() string {
	f.booking()
	return f.memo["code"]
}

// firstLink is the first link on an admin list page matching sel (an
// outbox message, a payment).
func (f *pageFixtures) firstLink(list, sel string) string {
	return f.once(list+" "+sel, func() string {
		var href string
		step(f.t, f.tab("admin").ctx, "the first "+sel+" on "+list,
			chromedp.Navigate(f.base+list),
			chromedp.AttributeValue(sel, "href", &href, nil, chromedp.ByQuery))
		return href
	})
}

// giftOrder is the page of a gift card order of the customer's, waiting
// for its payment (for the first place cards are sold for).
func (f *pageFixtures) giftOrder() string {
	return f.once("gift-order", func() string {
		f.signInBuyer()
		_, body := f.buyer.Get(f.t, "/gift-cards/buy")
		_, rest, ok := strings.Cut(body, `<option value="`)
		require.True(f.t, ok, "a place gift cards are sold for")
		shop, _, _ := strings.Cut(rest, `"`)
		chain, city, _ := strings.Cut(shop, ":")
		var o struct {
			ID int64 `json:"order_id"`
		}
		apiJSON(f.t, f.buyer, f.token, http.MethodPost, "/api/v1/gift-cards/orders",
			map[string]any{"chain_id": json.Number(chain), "city": city, "amount": 25_00}, http.StatusCreated, &o)
		return fmt.Sprintf("/gift-cards/orders/%d", o.ID)
	})
}
