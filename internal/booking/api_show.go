package booking

import (
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
)

// apiShowPage is GET /api/v1/shows/:id: everything an app needs to sell
// seats for one show on one screen.
type apiShowPage struct {
	Show apiShowInfo `json:"show"`
	// OnSale is false once the show is cancelled or has started.
	OnSale bool `json:"on_sale"`
	// Categories are the kinds of seat in this screen with their prices,
	// in the order the web lists them.
	Categories []apiSeatCategory `json:"categories"`
	// Charges are added to the tickets at checkout.
	Charges apiCharges `json:"charges"`
	// Limits bound one hold.
	Limits apiHoldLimits `json:"limits"`
	// Available counts the free seats.
	Available int       `json:"available"`
	Seats     []apiSeat `json:"seats"`
}

// apiShowInfo is a show with its movie, theater and screen.
type apiShowInfo struct {
	ID        int64              `json:"id"`
	StartsAt  string             `json:"starts_at"`
	EndsAt    string             `json:"ends_at"`
	TimeZone  string             `json:"time_zone"`
	Language  string             `json:"language"`
	Format    string             `json:"format"`
	Subtitles string             `json:"subtitles,omitempty"`
	Status    catalog.ShowStatus `json:"status"`
	Currency  string             `json:"currency"`
	Movie     apiShowMovie       `json:"movie"`
	Theater   apiShowTheater     `json:"theater"`
	Screen    apiShowScreen      `json:"screen"`
}

type apiShowMovie struct {
	ID             int64  `json:"id"`
	Slug           string `json:"slug"`
	Title          string `json:"title"`
	Certification  string `json:"certification"`
	RuntimeMinutes int    `json:"runtime_minutes"`
	PosterURL      string `json:"poster_url"`
}

type apiShowTheater struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Address  string `json:"address"`
	City     string `json:"city"`
	TimeZone string `json:"time_zone"`
}

type apiShowScreen struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// apiSeatCategory is one kind of seat: its price and how many are free.
type apiSeatCategory struct {
	Category  catalog.Category `json:"category"`
	Label     string           `json:"label"`
	Price     int64            `json:"price"`
	Seats     int              `json:"seats"`
	Available int              `json:"available"`
}

// apiCharges are what a booking pays on top of its tickets, as checkout
// adds them: Fee per ticket, then tax on the discounted tickets plus fees.
type apiCharges struct {
	Currency       string `json:"currency"`
	FeePerTicket   int64  `json:"fee_per_ticket"`
	TaxBasisPoints int64  `json:"tax_basis_points"`
}

// apiHoldLimits bound a hold: how many seats, and for how long.
type apiHoldLimits struct {
	MaxSeats        int  `json:"max_seats"`
	HoldSeconds     int  `json:"hold_seconds"`
	AllowsStranding bool `json:"allows_stranded_seats"`
}

// apiShowDetail is GET /api/v1/shows/:id: the show, its seat categories
// and prices, the charges checkout adds, the hold limits and the seat map
// as it is right now. It is public, and never cached because of the seats.
// Errors: ErrNotFound.
func (h *Handler) apiShowDetail(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	m, err := h.svc.SeatMap(c.Request().Context(), id)
	if err != nil {
		return err
	}
	d := m.Show
	ch := h.svc.pricingFor(d.Chain).For(d.City.Currency)
	out := apiShowPage{Show: apiShowInfoFrom(d), OnSale: h.svc.onSale(d), Seats: make([]apiSeat, len(m.Seats)),
		Categories: apiCategories(m.Seats),
		Charges:    apiCharges{Currency: d.City.Currency, FeePerTicket: ch.FeePerTicket, TaxBasisPoints: ch.TaxBasisPoints},
		Limits: apiHoldLimits{MaxSeats: h.svc.opts.MaxSeats, HoldSeconds: int(h.svc.opts.HoldTTL / time.Second),
			AllowsStranding: h.opts.AllowStrandedSeats}}
	for i, st := range m.Seats {
		out.Seats[i] = apiSeat{Label: st.Seat, Row: st.Row, Col: st.Col, Category: st.Category, Price: st.Price, State: st.State}
		if st.State == Free {
			out.Available++
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

func apiShowInfoFrom(d catalog.ShowDetail) apiShowInfo {
	loc := d.Theater.Location()
	return apiShowInfo{ID: d.ID, StartsAt: d.StartsAt.In(loc).Format(time.RFC3339), EndsAt: d.EndsAt.In(loc).Format(time.RFC3339),
		TimeZone: d.Theater.TimeZone, Language: d.Language, Format: d.Format, Subtitles: d.Subtitles, Status: d.Status,
		Currency: d.City.Currency,
		Movie: apiShowMovie{ID: d.Movie.ID, Slug: d.Movie.Slug, Title: d.Movie.Title, Certification: d.Movie.Certification,
			RuntimeMinutes: d.Movie.RuntimeMinutes, PosterURL: d.Movie.PosterURL()},
		Theater: apiShowTheater{ID: d.Theater.ID, Slug: d.Theater.Slug, Name: d.Theater.Name, Address: d.Theater.Address,
			City: d.City.Name, TimeZone: d.Theater.TimeZone},
		Screen: apiShowScreen{ID: d.Screen.ID, Name: d.Screen.Name}}
}

// apiCategories sums the seats by kind. A kind priced differently on some
// seats shows its lowest price.
func apiCategories(seats []MapSeat) []apiSeatCategory {
	var out []apiSeatCategory
	for _, st := range seats {
		i := slices.IndexFunc(out, func(c apiSeatCategory) bool { return c.Category == st.Category })
		if i < 0 {
			out = append(out, apiSeatCategory{Category: st.Category, Label: st.Category.Label(), Price: st.Price})
			i = len(out) - 1
		}
		out[i].Price = min(out[i].Price, st.Price)
		out[i].Seats++
		if st.State == Free {
			out[i].Available++
		}
	}
	slices.SortStableFunc(out, func(a, b apiSeatCategory) int {
		return slices.Index(catalog.Categories(), a.Category) - slices.Index(catalog.Categories(), b.Category)
	})
	if out == nil {
		out = []apiSeatCategory{}
	}
	return out
}
