package booking

import (
	"fmt"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
)

// apiShow is a show as the API describes it. Times are RFC 3339 in the
// theater's time zone, so an app can print them as they are.
type apiShow struct {
	ID         int64  `json:"id"`
	MovieTitle string `json:"movie_title"`
	Theater    string `json:"theater"`
	Screen     string `json:"screen"`
	StartsAt   string `json:"starts_at"`
	TimeZone   string `json:"time_zone"`
	Currency   string `json:"currency"`
	Language   string `json:"language"`
	Format     string `json:"format"`
	Subtitles  string `json:"subtitles,omitempty"`
	Cancelled  bool   `json:"cancelled"`
}

// apiSeat is one seat of a seat map. Row and col are 0-based positions on
// the screen's grid (gaps count), so an app can draw the map from them.
type apiSeat struct {
	Label    string           `json:"label"`
	Row      int              `json:"row"`
	Col      int              `json:"col"`
	Category catalog.Category `json:"category"`
	Price    int64            `json:"price"`
	State    SeatState        `json:"state"`
}

// apiBookedSeat is a seat of a booking with the price it was sold at and,
// once chosen, its ticket type (code and name, "Child") and the proof the
// door asks for it.
type apiBookedSeat struct {
	Label          string           `json:"label"`
	Category       catalog.Category `json:"category"`
	Price          int64            `json:"price"`
	TicketType     string           `json:"ticket_type,omitempty"`
	TicketTypeName string           `json:"ticket_type_name,omitempty"`
	ProofNote      string           `json:"proof_note,omitempty"`
}

// apiBooking is a booking as the API shows it to its buyer. Amounts are
// integer minor units of Currency.
type apiBooking struct {
	ID            int64           `json:"id"`
	Code          string          `json:"code"`
	Status        Status          `json:"status"`
	ShowID        int64           `json:"show_id"`
	HoldExpiresAt string          `json:"hold_expires_at"`
	Seats         []apiBookedSeat `json:"seats"`
	Currency      string          `json:"currency"`
	Subtotal      int64           `json:"subtotal"`
	Discount      int64           `json:"discount"`
	Fee           int64           `json:"fee"`
	Tax           int64           `json:"tax"`
	Total         int64           `json:"total"`
	PromoCode     string          `json:"promo_code,omitempty"`
	// Refund and CancelReason describe a cancellation.
	Refund       int64    `json:"refund,omitempty"`
	CancelReason string   `json:"cancel_reason,omitempty"`
	CreatedAt    string   `json:"created_at"`
	Show         *apiShow `json:"show,omitempty"`
}

func apiTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func apiShowFromDetail(d catalog.ShowDetail) *apiShow {
	return &apiShow{ID: d.ID, MovieTitle: d.Movie.Title, Theater: d.Theater.Name, Screen: d.Screen.Name,
		StartsAt: d.StartsAt.In(d.Theater.Location()).Format(time.RFC3339), TimeZone: d.Theater.TimeZone,
		Currency: d.City.Currency, Language: d.Language, Format: d.Format, Subtitles: d.Subtitles,
		Cancelled: d.Status == catalog.Cancelled}
}

func apiShowFromAdmin(a catalog.AdminShow) *apiShow {
	return &apiShow{ID: a.ID, MovieTitle: a.MovieTitle, Theater: a.TheaterName, Screen: a.ScreenName,
		StartsAt: a.StartsAt.In(a.Location()).Format(time.RFC3339), TimeZone: a.TimeZone, Currency: a.Currency,
		Language: a.Language, Format: a.Format, Subtitles: a.Subtitles, Cancelled: a.Status == catalog.Cancelled}
}

func apiBookingFrom(b Booking, show *apiShow) apiBooking {
	out := apiBooking{ID: b.ID, Code: b.Code, Status: b.Status, ShowID: b.ShowID, HoldExpiresAt: apiTime(b.HoldExpiresAt),
		Seats: make([]apiBookedSeat, len(b.Seats)), Currency: b.Currency, Subtotal: b.Subtotal, Discount: b.Discount,
		Fee: b.Fee, Tax: b.Tax, Total: b.Total, Refund: b.Refund, CancelReason: b.CancelReason,
		CreatedAt: apiTime(b.CreatedAt), Show: show}
	for i, st := range b.Seats {
		out.Seats[i] = apiBookedSeat{Label: st.Seat, Category: st.Category, Price: st.Price, TicketType: st.Ticket.Code,
			TicketTypeName: st.Ticket.Name, ProofNote: st.Ticket.ProofNote}
	}
	return out
}

// apiID reads the :id path parameter; anything but a positive integer is
// an unknown show or booking. Errors: ErrNotFound.
func apiID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("id %q: %w", c.Param("id"), ErrNotFound)
	}
	return id, nil
}
