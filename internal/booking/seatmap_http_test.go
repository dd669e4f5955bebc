package booking_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// seatmapWriteTimeout bounds how long a response may take to write, as
// the production server does (HTTP_WRITE_TIMEOUT); event streams must lift
// that bound for themselves.
const seatmapWriteTimeout = 2 * time.Second

// seatmapSetup is the whole app with its live seat maps running.
func seatmapSetup(t *testing.T) *testBundle {
	t.Helper()
	sb := httpSetup(t, apptest.Options{})
	sb.Start(t)
	return sb
}

// writeTimeoutSetup is seatmapSetup served with a write timeout, as
// production serves (HTTP_WRITE_TIMEOUT), for the test that an event stream
// lifts the bound for itself. Only that test uses it: under a loaded
// machine an ordinary request (a sign-in's password hash) could outlast
// the short bound.
func writeTimeoutSetup(t *testing.T) *testBundle {
	t.Helper()
	sb := seatmapSetup(t)
	srv := httptest.NewUnstartedServer(sb.Echo)
	srv.Config.WriteTimeout = seatmapWriteTimeout
	srv.Start()
	t.Cleanup(srv.Close)
	sb.URL = srv.URL
	return sb
}

// postHold posts the seat map form with seats ticked.
func (br *testBrowser) postHold(t *testing.T, seats ...string) (*http.Response, string) {
	t.Helper()
	return br.Post(t, fmt.Sprintf("/shows/%d/hold", br.b.show.ID), url.Values{"seats": seats})
}

func (sb *testBundle) seatsURL() string { return fmt.Sprintf("/shows/%d/seats", sb.show.ID) }

// seatInput returns the <input> of a seat on a rendered map.
func seatInput(t *testing.T, body, seat string) string {
	t.Helper()
	m := regexp.MustCompile(`<input class="sm-seat__input"[^>]*value="` + seat + `"[^>]*>`).FindString(body)
	require.NotEmpty(t, m, "seat %s is on the map", seat)
	return m
}

// seatmapHas fails unless the page contains want, without printing the page.
func seatmapHas(t *testing.T, body, want string, msgAndArgs ...any) {
	t.Helper()
	if !strings.Contains(body, want) {
		require.Fail(t, "the page lacks "+strconv.Quote(want), msgAndArgs...)
	}
}

// seatmapLacks fails if the page contains unwanted.
func seatmapLacks(t *testing.T, body, unwanted string, msgAndArgs ...any) {
	t.Helper()
	if strings.Contains(body, unwanted) {
		require.Fail(t, "the page has "+strconv.Quote(unwanted), msgAndArgs...)
	}
}

// seatmapMatches fails unless the page matches the regular expression.
func seatmapMatches(t *testing.T, body, expr string, msgAndArgs ...any) {
	t.Helper()
	if !regexp.MustCompile(expr).MatchString(body) {
		require.Fail(t, "the page does not match "+expr, msgAndArgs...)
	}
}

func TestSeatMapShowsEverySeatWithItsStateAndPrice(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	ctx := context.Background()
	_, err := sb.svc.Hold(ctx, 41, sb.show.ID, []string{"F5"})
	require.NoError(t, err)
	sold, err := sb.svc.Hold(ctx, 42, sb.show.ID, []string{"J10"})
	require.NoError(t, err)
	require.NoError(t, pg.InTx(ctx, sb.pool, func(ctx context.Context, tx pgx.Tx) error { return sb.svc.Confirm(ctx, tx, sold.ID) }))

	res, body := sb.browser(t, "", "").Get(t, sb.seatsURL())
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, 200, strings.Count(body, `name="seats"`), "every seat of the 10x20 screen is a checkbox")
	seatmapHas(t, body, "SCREEN")
	seatmapHas(t, body, fmt.Sprintf(`action="/shows/%d/hold"`, sb.show.ID))
	seatmapHas(t, body, `name="_csrf"`)
	require.Contains(t, seatInput(t, body, "C7"), `aria-label="Row C seat 7, standard, £10.00, available"`)
	require.NotContains(t, seatInput(t, body, "C7"), "disabled")
	require.Contains(t, seatInput(t, body, "F5"), `aria-label="Row F seat 5, standard, £10.00, held by someone else"`)
	require.Contains(t, seatInput(t, body, "F5"), "disabled")
	require.Contains(t, seatInput(t, body, "J10"), `aria-label="Row J seat 10, premium, £15.00, sold"`)
	require.Contains(t, seatInput(t, body, "A1"), "not for sale")
	seatmapMatches(t, body, `Standard</span>\s*<strong>£10.00</strong>`, "prices by kind of seat")
	seatmapMatches(t, body, `Premium</span>\s*<strong>£15.00</strong>`)
	for _, key := range []string{"Available", "Your seats", "Sold", "Held by someone else", "Wheelchair space", "Companion seat", "Not for sale"} {
		seatmapHas(t, body, key, "legend")
	}
	seatmapHas(t, body, "Sign in to continue", "a visitor is asked to sign in at the end")
}

func TestSeatMapOfAnUnknownOrClosedShow(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	br := sb.browser(t, "", "")
	for _, path := range []string{"/shows/987654/seats", "/shows/abc/seats", "/shows/-1/seats"} {
		res, _ := br.Get(t, path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
	_, err := sb.catalog.CancelShow(context.Background(), sb.show.ID)
	require.NoError(t, err)
	res, body := br.Get(t, sb.seatsURL())
	require.Equal(t, http.StatusGone, res.StatusCode)
	seatmapHas(t, body, "not on sale")
	seatmapHas(t, body, "This show was cancelled")
	seatmapLacks(t, body, `name="seats"`)
}

func TestSeatMapHoldSendsTheBuyerToCheckout(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	ana := sb.browser(t, "Ana", account.Customer)
	res, _ := ana.postHold(t, "E9", "E10")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Regexp(t, `^/bookings/\d+/checkout$`, res.Header.Get("Location"))
	owners := sb.seatOwners(t)
	require.Len(t, owners, 2)
	require.Equal(t, owners["E9"], owners["E10"])

	_, body := ana.Get(t, sb.seatsURL())
	seatmapHas(t, body, "holding <strong>E9, E10</strong>", "back on the map, the buyer sees the seats they hold")
	seatmapHas(t, body, `href="`+res.Header.Get("Location")+`">Continue to checkout`)
	require.Regexp(t, `data-state="mine" title="E9 [^"]*"><input [^>]*aria-label="Row E seat 9, [^"]*held for you"`, body,
		"the buyer's own seats are drawn and named as theirs, not as someone else's")
	seatmapHas(t, body, "Held for you", "the key explains them")
	_, body = sb.browser(t, "Other", account.Customer).Get(t, sb.seatsURL())
	seatmapLacks(t, body, "holding <strong>", "nobody else is told about them")
	require.Regexp(t, `data-state="held" title="E9 [^"]*"><input [^>]*aria-label="Row E seat 9, [^"]*held by someone else"`, body)
	seatmapLacks(t, body, `data-state="mine"`, "to anyone else they are someone else's")

	req, err := http.NewRequest(http.MethodPost, sb.URL+fmt.Sprintf("/shows/%d/hold", sb.show.ID),
		strings.NewReader(url.Values{"seats": {"G3", "G4"}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("HX-Request", "true")
	res, _ = ana.Do(t, req)
	require.Regexp(t, `^/bookings/\d+/checkout$`, res.Header.Get("HX-Redirect"), "htmx gets HX-Redirect")
}

func TestSeatMapHoldOfATakenSeatNamesItAndKeepsTheRest(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	_, err := sb.svc.Hold(context.Background(), 77, sb.show.ID, []string{"D11"})
	require.NoError(t, err)

	res, body := sb.browser(t, "Ben", account.Customer).postHold(t, "D9", "D10", "D11")
	require.Equal(t, http.StatusConflict, res.StatusCode)
	seatmapHas(t, body, "D11 was just taken by someone else")
	require.Contains(t, seatInput(t, body, "D9"), "checked", "the rest of the choice stays ticked")
	require.Contains(t, seatInput(t, body, "D10"), "checked")
	require.Contains(t, seatInput(t, body, "D11"), "disabled")
	require.NotContains(t, seatInput(t, body, "D11"), "checked")
	require.Len(t, sb.seatOwners(t), 1, "nothing more is held")
}

func TestSeatMapHoldRefusesBadChoicesWithoutChangingAnything(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	cal := sb.browser(t, "Cal", account.Customer)
	many := make([]string, 500)
	for i := range many {
		many[i] = fmt.Sprintf("B%d", i+1)
	}
	for name, tc := range map[string]struct {
		seats []string
		want  string
	}{
		"nothing":      {nil, "Choose at least one seat"},
		"eleven seats": {[]string{"C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"}, "up to 10 seats"},
		"500 seats":    {many, "up to 10 seats"},
		"injection":    {[]string{"C5", "A1'--"}, "is not a seat on this map"},
		"script":       {[]string{"<script>"}, "is not a seat on this map"},
		"not here":     {[]string{"C5", "Z99"}, "not in this screen"},
		"twice":        {[]string{"C5", "C5"}, "Seat C5 is chosen twice"},
		"stranded":     {[]string{"C5", "C7"}, "That would leave C6 on its own"},
	} {
		res, body := cal.postHold(t, tc.seats...)
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, name)
		seatmapHas(t, body, tc.want, name)
		seatmapHas(t, body, `name="seats"`, "%s: the map is shown again", name)
		seatmapLacks(t, body, "<script>\"", name)
		require.Empty(t, sb.seatOwners(t), "%s: nothing is held", name)
	}
	_, body := cal.postHold(t, "C5", "C7")
	require.Contains(t, seatInput(t, body, "C5"), "checked", "a refused choice stays ticked to adjust")
}

func TestSeatMapHoldAsksVisitorsToSignInAndKeepsTheirSeats(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	visitor := sb.browser(t, "", "")
	res, page := visitor.postHold(t, "H7", "H8")
	require.Equal(t, http.StatusOK, res.StatusCode, "the visitor chooses: sign in or continue as guest")
	require.Contains(t, page, "Continue as guest")
	signIn := regexp.MustCompile(`href="(/login\?next=[^"]+)"`).FindStringSubmatch(page)
	require.Len(t, signIn, 2, "the page offers to sign in")
	loc, err := url.Parse(html.UnescapeString(signIn[1]))
	require.NoError(t, err)
	require.Equal(t, "/login", loc.Path)
	next := loc.Query().Get("next")
	require.Equal(t, sb.seatsURL()+"?seats=H7,H8", next)
	require.Empty(t, sb.seatOwners(t))

	res, body := visitor.Get(t, next)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, seatInput(t, body, "H7"), "checked", "back from signing in, the seats are still ticked")
	require.Contains(t, seatInput(t, body, "H8"), "checked")
	require.NotContains(t, seatInput(t, body, "H9"), "checked")
}

func TestSeatMapBestAvailableTicksTheBestSeatsTogether(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	br := sb.browser(t, "Dee", account.Customer)
	res, body := br.Get(t, sb.seatsURL()+"?best=4")
	require.Equal(t, http.StatusOK, res.StatusCode)
	seatmapHas(t, body, "We picked G9–G12, the best 4 seats together")
	for _, s := range []string{"G9", "G10", "G11", "G12"} {
		require.Contains(t, seatInput(t, body, s), "checked", s)
	}
	require.Equal(t, 4, strings.Count(body, " checked"))
	seatmapHas(t, body, "4 seats selected")
	seatmapHas(t, body, "£40.00", "the total of the ticked seats")

	res, body = br.Get(t, sb.seatsURL()+"?best=2&cat=premium")
	require.Equal(t, http.StatusOK, res.StatusCode)
	seatmapHas(t, body, "We picked I10–I11")

	res, body = br.Get(t, sb.seatsURL()+"?best=lots")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	seatmapHas(t, body, "Choose between 1 and 10 seats")
	require.Zero(t, strings.Count(body, " checked"))

	res, body = br.Get(t, sb.seatsURL()+"?best=2&cat=wheelchair")
	require.Equal(t, http.StatusOK, res.StatusCode, "no wheelchair spaces in this screen is an answer, not an error")
	seatmapHas(t, body, "2 seats together left of that kind")
}
