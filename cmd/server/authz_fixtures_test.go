package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// authzWorld is the catalogue the matrix calls every route against: one
// theater, its screen and movie (for pages that only read them), and
// spares for the admin routes that change what they are given, so a
// route's call never changes what a later route finds.
type authzWorld struct {
	s       *apptest.Server
	base    catalog.Show
	movie   catalog.Movie
	theater catalog.Theater
	// spareMovie (with an uploaded poster), spareScreen and spareRule
	// are what admin routes edit.
	spareMovie  catalog.Movie
	spareScreen catalog.Screen
	spareRule   int64
	// victim is the account whose role the admin routes set.
	victim int64
	// owner is customer A, who owns every booking, hold and payment.
	owner int64
}

func newAuthzWorld(t *testing.T, s *apptest.Server, owner, victim int64) *authzWorld {
	t.Helper()
	ctx := context.Background()
	w := &authzWorld{s: s, owner: owner, victim: victim, base: catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{
		Prices: map[catalog.Category]int64{catalog.Standard: 1000, catalog.Premium: 1500}})}
	var err error
	w.movie, err = s.Catalog.Movie(ctx, w.base.MovieID)
	require.NoError(t, err)
	w.theater, err = s.Catalog.Theater(ctx, w.base.TheaterID)
	require.NoError(t, err)
	w.spareMovie, err = s.Catalog.CreateMovie(ctx, catalog.MovieInput{Title: "Spare Movie", RuntimeMinutes: 90,
		ReleaseDate: time.Now().AddDate(0, 0, -3), Certification: "PG", OriginalLanguage: "English",
		Genres: []string{"Drama"}, Formats: []string{"2D"}, Status: catalog.NowShowing})
	require.NoError(t, err)
	var poster bytes.Buffer
	require.NoError(t, png.Encode(&poster, image.NewRGBA(image.Rect(0, 0, 200, 300))))
	require.NoError(t, s.Catalog.SetPoster(ctx, w.spareMovie.ID, poster.Bytes()))
	w.spareMovie, err = s.Catalog.Movie(ctx, w.spareMovie.ID)
	require.NoError(t, err)
	layout, err := catalog.NewLayout(3, 5)
	require.NoError(t, err)
	w.spareScreen, err = s.Catalog.CreateScreen(ctx, w.theater.ID, catalog.ScreenInput{Name: "Screen 2", Formats: []string{"2D"}, Layout: layout})
	require.NoError(t, err)
	require.NoError(t, s.Pool.QueryRow(ctx, "SELECT id FROM catalog.price_rules WHERE theater_id = $1 AND category = 'premium'",
		w.theater.ID).Scan(&w.spareRule))
	return w
}

// routeFixtures are the things one route is called with, made on first
// use, so each route gets its own show, bookings and payment.
type routeFixtures struct {
	w   *authzWorld
	t   *testing.T
	n   int
	ids map[string]int64
	// owned is set when a parameter names something customer A owns.
	owned bool
}

func (w *authzWorld) fixtures(t *testing.T, n int) *routeFixtures {
	return &routeFixtures{w: w, t: t, n: n, ids: map[string]int64{}}
}

// once returns the id under key, making it with mk the first time.
func (f *routeFixtures) once(key string, mk func() int64) int64 {
	if id, ok := f.ids[key]; ok {
		return id
	}
	f.ids[key] = mk()
	return f.ids[key]
}

// show is the route's own show, three hours after the previous route's.
func (f *routeFixtures) show() int64 {
	return f.once("show", func() int64 {
		sh, err := f.w.s.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: f.w.base.MovieID,
			ScreenID: f.w.base.ScreenID, StartsAt: f.w.base.StartsAt.Add(time.Duration(f.n+1) * 3 * time.Hour),
			Language: "English", Format: "2D"})
		require.NoError(f.t, err)
		return sh.ID
	})
}

// hold is a booking customer A holds seats for.
func (f *routeFixtures) hold() int64 {
	return f.once("hold", func() int64 {
		h, err := f.w.s.Booking.Hold(context.Background(), f.w.owner, f.show(), []string{"A1", "A2"})
		require.NoError(f.t, err)
		return h.ID
	})
}

// payment is customer A's payment in progress for another held booking.
func (f *routeFixtures) payment() int64 {
	return f.once("payment", func() int64 {
		_, id := f.startPaying("B1")
		return id
	})
}

// receipt is the receipt of customer A's confirmed booking, issued by a
// payments service told booking's facts (as the app's is once wired), so
// the matrix does not depend on the issuing job having run.
func (f *routeFixtures) receipt(ctx context.Context) int64 {
	return f.once("receipt", func() int64 {
		b := f.confirmed()
		var paymentID int64
		require.NoError(f.t, f.w.s.Pool.QueryRow(ctx,
			"SELECT id FROM payments.payments WHERE booking_id = $1 AND state = 'succeeded'", b.ID).Scan(&paymentID))
		issuer, err := payments.NewService(f.w.s.Pool, f.w.s.Booking, &payments.RiverJobs{},
			payments.Options{Receipts: payments.ReceiptOptions{Facts: f.w.s.Booking}})
		require.NoError(f.t, err)
		r, err := issuer.IssueReceipt(ctx, paymentID)
		require.NoError(f.t, err)
		return r.ID
	})
}

// confirmed is customer A's paid booking, paid with the test card and
// confirmed by applying the provider's event (event keeps its id).
func (f *routeFixtures) confirmed() booking.Booking {
	ctx := context.Background()
	id := f.once("confirmed", func() int64 {
		bookingID, paymentID := f.startPaying("C1")
		p, err := f.w.s.Payments.PayWithTestCard(ctx, f.w.owner, paymentID,
			payments.Card{Number: "4242424242424242", Expiry: "12/40", CVC: "123", Name: "Ada"})
		require.NoError(f.t, err)
		events, err := f.w.s.Payments.Events(ctx, p.ProviderID, 1, 0)
		require.NoError(f.t, err)
		require.NotEmpty(f.t, events, "the test card's outcome is an event")
		require.NoError(f.t, f.w.s.Payments.ApplyEvent(ctx, events[0].ID, false))
		f.ids["event"] = events[0].ID
		return bookingID
	})
	b, err := f.w.s.Booking.Booking(ctx, f.w.owner, id)
	require.NoError(f.t, err)
	require.Equal(f.t, booking.Confirmed, b.Status)
	return b
}

func (f *routeFixtures) startPaying(seat string) (bookingID, paymentID int64) {
	ctx := context.Background()
	h, err := f.w.s.Booking.Hold(ctx, f.w.owner, f.show(), []string{seat})
	require.NoError(f.t, err)
	req, err := f.w.s.Booking.StartPayment(ctx, f.w.owner, h.ID)
	require.NoError(f.t, err)
	path, err := f.w.s.Payments.Begin(ctx, req)
	require.NoError(f.t, err)
	_, err = fmt.Sscanf(path, "/pay/%d", &paymentID)
	require.NoError(f.t, err)
	return h.ID, paymentID
}

// fill replaces path's parameters with real ids for the route. Callers
// read f.owned afterwards.
func (f *routeFixtures) fill(path string) string {
	ctx := context.Background()
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if seg == "*" {
			segs[i] = "css/app.css"
			continue
		}
		if !strings.HasPrefix(seg, ":") {
			continue
		}
		segs[i] = f.param(ctx, path, seg[1:])
	}
	return strings.Join(segs, "/")
}

// param gives the value of one parameter of path.
func (f *routeFixtures) param(ctx context.Context, path, name string) string {
	itoa := func(id int64) string { return strconv.FormatInt(id, 10) }
	w := f.w
	switch name {
	case "code":
		return f.confirmed().Code
	case "rule":
		return itoa(w.spareRule)
	case "provider":
		return "google"
	case "file":
		if strings.HasPrefix(path, "/admin/reports/") {
			return "takings.csv"
		}
		return w.movie.Slug + ".svg"
	case "slug":
		if strings.HasPrefix(path, "/theaters/") {
			return w.theater.Slug
		}
		return w.movie.Slug
	case "movie_id":
		return itoa(w.movie.ID)
	case "show_id":
		return itoa(f.show())
	case "theater_id":
		return itoa(w.theater.ID)
	case "showID":
		return itoa(f.show())
	case "type":
		return itoa(f.ticketType(ctx, strings.HasPrefix(path, "/admin/theaters/")))
	case "item":
		return itoa(f.menuItem(ctx))
	case "token":
		// Nobody's: a forged access link is 404 for every role (real
		// links are tested in booking).
		return "forged-link"
	}
	// name is "id": what it names depends on the route.
	switch prefix := regexp.MustCompile(`^(/api/v1)?/[a-z-]+(/[a-z-]+)?`).FindString(path); prefix {
	case "/account/sessions":
		f.owned = true
		return f.ownerSession(ctx)
	case "/admin/movies":
		return itoa(w.spareMovie.ID)
	case "/admin/outbox":
		return itoa(f.delivery(ctx))
	case "/admin/payments":
		return itoa(f.payment())
	case "/admin/promos":
		return itoa(f.promo(ctx))
	case "/admin/gift-cards":
		return itoa(f.giftCard(ctx))
	case "/admin/reviews":
		return itoa(f.rating(ctx))
	case "/admin/screens":
		return itoa(w.spareScreen.ID)
	case "/admin/shows", "/api/v1/shows", "/shows":
		return itoa(f.show())
	case "/admin/theaters", "/api/v1/theaters", "/api/v1/tms/theaters":
		return itoa(w.theater.ID)
	case "/api/v1/movies":
		return itoa(w.movie.ID)
	case "/api/v1/tms/shows":
		return itoa(f.show())
	case "/admin/api-keys":
		return itoa(f.apiKey(ctx))
	case "/api/v1/payments":
		f.owned = true
		return itoa(f.payment())
	case "/api/v1/me/push-registrations":
		// Nobody's: every role gets 404 (a real one is owned by its
		// device's account alone, tested in notify).
		return "fcm_999999"
	case "/admin/users":
		return itoa(w.victim)
	case "/admin/chains":
		return itoa(w.theater.ChainID)
	case "/admin/kitchen":
		return itoa(f.confirmed().ID)
	case "/admin/counter":
		return itoa(f.show())
	case "/admin/till":
		return itoa(f.till(ctx))
	case "/admin/staff":
		return itoa(f.staffRole(ctx))
	case "/admin/waiting-rooms", "/waiting":
		return itoa(f.room(ctx))
	case "/admin/webhooks":
		f.confirmed()
		return itoa(f.ids["event"])
	case "/media/images":
		return itoa(*w.spareMovie.PosterImageID)
	case "/receipts":
		f.owned = true
		return itoa(f.receipt(ctx))
	case "/gift-cards/orders", "/api/v1/gift-cards/orders":
		f.owned = true
		return itoa(f.giftOrder(ctx))
	case "/pay":
		f.owned = true
		return itoa(f.payment())
	case "/waitlist/offers":
		// Nobody's: 404 for every signed-in role (real offers are
		// tested in booking).
		return "999999"
	case "/api/v1/holds":
		f.owned = true
		return itoa(f.hold())
	case "/api/v1/bookings", "/bookings":
		f.owned = true
		if strings.HasSuffix(path, ":id") || strings.HasSuffix(path, "/ticket") || strings.HasSuffix(path, "/ticket.png") ||
			strings.HasSuffix(path, "/cancel") || strings.HasSuffix(path, "/events") || strings.HasSuffix(path, "/food-orders") ||
			strings.Contains(path, "/exchange") {
			return itoa(f.confirmed().ID)
		}
		return itoa(f.hold())
	}
	f.t.Fatalf("the authorisation matrix does not know what %s's :%s names: add it to routeFixtures.param", path, name)
	return ""
}

// apiKey is a staff API key an admin made, for the routes that revoke one.
func (f *routeFixtures) apiKey(ctx context.Context) int64 {
	return f.once("apikey", func() int64 {
		k, _, err := f.w.s.Account.CreateAPIKey(ctx, f.w.victim, account.NewAPIKey{Name: "TMS " + strconv.Itoa(f.n),
			Scopes: []string{"shows:read"}}, "127.0.0.1")
		require.NoError(f.t, err)
		return k.ID
	})
}

// staffRole is a door role of the victim's at the world's theater, for
// the routes that revoke one (never a caller's own role).
func (f *routeFixtures) staffRole(ctx context.Context) int64 {
	return f.once("staffrole", func() int64 {
		var id int64
		require.NoError(f.t, f.w.s.Pool.QueryRow(ctx, `INSERT INTO account.staff_roles (user_id, role, chain_id, theater_id)
			VALUES ($1, 'door', $2, $3) ON CONFLICT (user_id, chain_id, coalesce(theater_id, 0)) DO UPDATE SET role = 'door'
			RETURNING id`, f.w.victim, f.w.theater.ChainID, f.w.theater.ID).Scan(&id))
		return id
	})
}

// ticketType is a Student type of the world's theater (own list) or of
// its chain, for the routes that edit or deactivate one.
func (f *routeFixtures) ticketType(ctx context.Context, theater bool) int64 {
	return f.once(fmt.Sprintf("tickettype %v", theater), func() int64 {
		tt := catalog.TicketType{ChainID: f.w.theater.ChainID, Code: fmt.Sprintf("STUDENT%d", f.n), Name: "Student",
			Active: true, Percent: 80, Daypart: catalog.AnyTime}
		if theater {
			tt.TheaterID = f.w.theater.ID
		}
		tt, err := f.w.s.Catalog.CreateTicketType(ctx, tt)
		require.NoError(f.t, err)
		return tt.ID
	})
}

// menuItem is a drink on the world's theater's menu, for the routes that
// edit one.
func (f *routeFixtures) menuItem(ctx context.Context) int64 {
	return f.once("menuitem", func() int64 {
		m, err := f.w.s.Catalog.SaveMenuItem(ctx, catalog.MenuItem{TheaterID: f.w.theater.ID, Name: fmt.Sprintf("Cola %d", f.n),
			Category: catalog.MenuDrinks, Price: 300, Available: true})
		require.NoError(f.t, err)
		return m.ID
	})
}

// till is a closed till session of the victim's at the world's theater.
func (f *routeFixtures) till(ctx context.Context) int64 {
	return f.once("till", func() int64 {
		var id int64
		require.NoError(f.t, f.w.s.Pool.QueryRow(ctx, `INSERT INTO booking.till_sessions
			(theater_id, user_id, currency, float_minor, closed_at, counted_cash_minor)
			VALUES ($1, $2, 'GBP', 10000, now(), 10000) RETURNING id`, f.w.theater.ID, f.w.victim).Scan(&id))
		return id
	})
}

// ownerSession is the public handle of one of customer A's sessions.
func (f *routeFixtures) ownerSession(ctx context.Context) string {
	list, err := f.w.s.Account.Sessions(ctx, f.w.owner, "")
	require.NoError(f.t, err)
	require.NotEmpty(f.t, list)
	return list[0].ID
}

// giftCard is a gift card of the world's chain, for the routes that show
// or void one.
func (f *routeFixtures) giftCard(ctx context.Context) int64 {
	return f.once("gift card", func() int64 {
		c, err := f.w.s.Payments.IssueGiftCard(ctx, payments.IssueRequest{ChainID: f.w.theater.ChainID, Currency: "GBP",
			Amount: 25_00, IssuedBy: "matrix@example.com"})
		require.NoError(f.t, err)
		return c.ID
	})
}

// giftOrder is customer A's gift card order for the world's theater's
// chain, waiting for its payment.
func (f *routeFixtures) giftOrder(ctx context.Context) int64 {
	return f.once("gift order", func() int64 {
		o, _, err := f.w.s.Payments.OrderGiftCard(ctx, payments.GiftOrderRequest{UserID: f.w.owner, ChainID: f.w.theater.ChainID,
			CitySlug: f.w.theater.CitySlug, Amount: 25_00})
		require.NoError(f.t, err)
		return o.ID
	})
}

func (f *routeFixtures) promo(ctx context.Context) int64 {
	return f.once("promo", func() int64 {
		p, err := f.w.s.Booking.CreatePromo(ctx, booking.PromoInput{Code: fmt.Sprintf("MATRIX%d", f.n), Description: "Matrix",
			Kind: booking.PercentOff, PercentOff: 10, ValidFrom: time.Now().Add(-time.Hour), ValidUntil: time.Now().Add(30 * 24 * time.Hour)})
		require.NoError(f.t, err)
		return p.ID
	})
}

func (f *routeFixtures) room(ctx context.Context) int64 {
	return f.once("room", func() int64 {
		r, err := f.w.s.Waitroom.SaveRoom(ctx, waitroom.RoomInput{ShowID: f.show(), OnSaleAt: time.Now().Add(time.Hour),
			TimeZone: "Europe/London", Rate: 10})
		require.NoError(f.t, err)
		return r.ID
	})
}

// rating is customer A's review of the movie (written as the rating
// form would after a show they saw).
func (f *routeFixtures) rating(ctx context.Context) int64 {
	return f.once("rating", func() int64 {
		var id int64
		require.NoError(f.t, f.w.s.Pool.QueryRow(ctx, `INSERT INTO recommend.ratings (user_id, movie_id, stars, review, author)
			VALUES ($1, $2, 4, 'Loved it', 'Ada') ON CONFLICT (user_id, movie_id) DO UPDATE SET stars = 4 RETURNING id`,
			f.w.owner, f.w.movie.ID).Scan(&id))
		return id
	})
}

// delivery is an email in the outbox (as the send job leaves one).
func (f *routeFixtures) delivery(ctx context.Context) int64 {
	return f.once("delivery", func() int64 {
		var id int64
		require.NoError(f.t, pg.InTx(ctx, f.w.s.Pool, func(ctx context.Context, tx pgx.Tx) error {
			return tx.QueryRow(ctx, `WITH m AS (INSERT INTO notify.messages (dedup_key, kind, category, user_id, data)
				VALUES ($1, 'test', 'transactional', $2, '{}') RETURNING id)
				INSERT INTO notify.deliveries (message_id, channel, recipient, provider, status, subject, body_text, body_html)
				SELECT id, 'email', 'ada@example.com', 'outbox', 'sent', 'Hello', 'Hello', '<p>Hello</p>' FROM m RETURNING id`,
				fmt.Sprintf("matrix:%d", f.n), f.w.owner).Scan(&id)
		}))
		return id
	})
}

// grantCinemaRoles gives the matrix's cinema staff their roles: door, box
// office and manager at the world's theater, chain admin of its chain,
// and the outsider manager of another theater of the same chain.
func (w *authzWorld) grantCinemaRoles(t *testing.T, callers []*caller) {
	t.Helper()
	ctx := context.Background()
	other, err := w.s.Catalog.CreateTheater(ctx, catalog.TheaterInput{ChainID: w.theater.ChainID, Name: "Other Picture House",
		CitySlug: w.theater.CitySlug, TimeZone: w.theater.TimeZone})
	require.NoError(t, err)
	for _, c := range callers {
		theater := map[string]int64{"door": w.theater.ID, "boxoffice": w.theater.ID, "manager": w.theater.ID,
			"outsider": other.ID, "chainadmin": 0}
		role := map[string]string{"door": "door", "boxoffice": "box_office", "manager": "theater_manager",
			"outsider": "theater_manager", "chainadmin": "chain_admin"}[c.role]
		if role == "" {
			continue
		}
		_, err := w.s.Pool.Exec(ctx, `INSERT INTO account.staff_roles (user_id, role, chain_id, theater_id)
			VALUES ($1, $2, $3, nullif($4::bigint, 0))`, c.user.ID, role, w.theater.ChainID, theater[c.role])
		require.NoError(t, err)
	}
}
