package booking

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// seatMapPage is GET /shows/:id/seats: the show's seats as they stand now,
// to pick from. ?seats=F12,F13 ticks seats (after signing in, say) and
// ?best=N&cat=premium ticks the best N seats together. A show that is
// cancelled or has started gets a "not on sale" page.
// Errors: ErrNotFound; a bad ?best is answered 422 with the map.
func (h *Handler) seatMapPage(c echo.Context) error {
	id, err := seatMapShowID(c)
	if err != nil {
		return err
	}
	if ok, err := h.admitPage(c, id, c.Request().URL.RequestURI()); !ok {
		return err // not on sale to this buyer yet: the waiting room
	}
	m, err := h.svc.SeatMap(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if !h.svc.onSale(m.Show) {
		return h.seatMapClosed(c, m)
	}
	q := c.QueryParams()
	st := seatMapState{Best: views.BestForm{N: 2}}
	if sel, err := ParseSelection(q["seats"], h.svc.opts.MaxSeats); err == nil {
		st.Selected = sel.Seats
	}
	status := http.StatusOK
	if q.Has("best") {
		status = h.seatMapBest(c.Request().Context(), &st, m, q.Get("best"), q.Get("cat"))
	}
	uid := web.UserID(c)
	if st.Holding, st.HoldID, err = h.buyerHold(c.Request().Context(), uid, m); err != nil {
		return err
	}
	return web.Render(c, status, views.SeatMap(h.seatMapProps(c.Request().Context(), m, st, uid != 0)))
}

// seatMapBest ticks the best n seats together of kind cat (?best=n&cat=),
// or says why it cannot. It returns the page's status: 422 for a request
// the form never sends, 200 otherwise (none left is an answer too).
func (h *Handler) seatMapBest(ctx context.Context, st *seatMapState, m SeatMap, n, cat string) int {
	st.Best.N, _ = strconv.Atoi(strings.TrimSpace(n)) // not a number: 0, refused below
	st.Best.Category = cat
	seats, err := h.svc.bestBlock(m.Seats, st.Best.N, catalog.Category(cat))
	if err == nil {
		st.Selected, st.Notice = seats, bestNotice(ctx, seats)
		return http.StatusOK
	}
	fields, _ := validate.Fields(err) // bestBlock fails with validation errors only
	st.Error = fields["best"]
	if st.Best.N < 1 || st.Best.N > h.svc.opts.MaxSeats || !knownCategory(cat) {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

// buyerHold finds the seats the signed-in buyer holds for the show right
// now (say they came back from checkout), read off the map: one query.
func (h *Handler) buyerHold(ctx context.Context, uid int64, m SeatMap) (*views.HeldSeats, int64, error) {
	if uid == 0 {
		return nil, 0, nil
	}
	bookings, err := h.svc.MyBookings(ctx, uid)
	if err != nil {
		return nil, 0, err
	}
	now := h.svc.opts.Now()
	for _, b := range bookings {
		// A booking whose payment was declined is still the buyer's hold
		// (pending_payment) while it lasts: not someone else's seats.
		if b.ShowID != m.Show.ID || (b.Status != Held && b.Status != PendingPayment) || !b.HoldExpiresAt.After(now) {
			continue
		}
		var seats []string
		for _, s := range m.Seats {
			if s.BookingID == b.ID && s.State == HeldBy {
				seats = append(seats, s.Seat)
			}
		}
		if len(seats) > 0 {
			return &views.HeldSeats{Seats: strings.Join(seats, ", "), Href: fmt.Sprintf("/bookings/%d/checkout", b.ID),
				Until: b.HoldExpiresAt.In(m.Show.Theater.Location()).Format("15:04")}, b.ID, nil
		}
	}
	return nil, 0, nil
}

// seatMapClosed answers for a show that is not on sale (410 Gone).
func (h *Handler) seatMapClosed(c echo.Context, m SeatMap) error {
	reason := i18n.Msg("This show has already started, so tickets are no longer sold online.")
	if m.Show.Status == catalog.Cancelled {
		reason = i18n.Msg("This show was cancelled, so its tickets are no longer sold.")
	}
	return web.Render(c, http.StatusGone, views.SeatMapClosed(views.SeatMapClosedProps{
		Show: showSummary(c.Request().Context(), m.Show), MovieHref: "/movies/" + m.Show.Movie.Slug, Reason: reason}))
}

// seatMapShowID reads the :id of a show URL.
// Errors: ErrNotFound for anything but a positive integer.
func seatMapShowID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("show id %q: %w", c.Param("id"), ErrNotFound)
	}
	return id, nil
}

// knownCategory reports whether c is a kind of seat best available takes.
func knownCategory(c string) bool {
	_, err := bestCategories(catalog.Category(c))
	return err == nil
}

// bestNotice says which seats best available ticked, in ctx's language.
func bestNotice(ctx context.Context, seats []string) string {
	if len(seats) == 1 {
		return i18n.T(ctx, "We picked {{.Seat}}, the best seat left. Continue, or tap other seats to change it.", "Seat", seats[0])
	}
	return i18n.N(ctx, "We picked {{.First}}–{{.Last}}, the best {{.Count}} seats together. Continue, or tap seats to change them.",
		len(seats), "First", seats[0], "Last", seats[len(seats)-1])
}
