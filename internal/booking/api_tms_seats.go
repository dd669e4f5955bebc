package booking

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// Staff API key scopes of the theater management system endpoints.
const (
	scopeShowsRead    = "shows:read"
	scopeBookingsRead = "bookings:read"
)

// apiTMSShow is a show as a theater management system sees it.
type apiTMSShow struct {
	ID         int64  `json:"id"`
	TheaterID  int64  `json:"theater_id"`
	Theater    string `json:"theater"`
	ScreenID   int64  `json:"screen_id"`
	Screen     string `json:"screen"`
	MovieID    int64  `json:"movie_id"`
	MovieTitle string `json:"movie_title"`
	StartsAt   string `json:"starts_at"`
	TimeZone   string `json:"time_zone"`
	Currency   string `json:"currency"`
	Status     string `json:"status"`
}

func apiTMSShowFrom(d catalog.ShowDetail) apiTMSShow {
	return apiTMSShow{ID: d.ID, TheaterID: d.Theater.ID, Theater: d.Theater.Slug, ScreenID: d.Screen.ID, Screen: d.Screen.Name,
		MovieID: d.Movie.ID, MovieTitle: d.Movie.Title, StartsAt: d.StartsAt.In(d.Theater.Location()).Format(time.RFC3339),
		TimeZone: d.Theater.TimeZone, Currency: d.City.Currency, Status: string(d.Status)}
}

// apiTMSSeatCounts counts a show's seats by state.
type apiTMSSeatCounts struct {
	Total   int `json:"total"`
	Free    int `json:"free"`
	Held    int `json:"held"`
	Booked  int `json:"booked"`
	Blocked int `json:"blocked"`
}

// apiTMSSeat is one seat of the export.
type apiTMSSeat struct {
	Label    string    `json:"label"`
	Category string    `json:"category"`
	Price    int64     `json:"price"`
	State    SeatState `json:"state"`
}

// apiTMSSeatsResponse is GET /api/v1/tms/shows/:id/seats.
type apiTMSSeatsResponse struct {
	Show   apiTMSShow       `json:"show"`
	Counts apiTMSSeatCounts `json:"counts"`
	Seats  []apiTMSSeat     `json:"seats"`
}

// apiTMSSeats is GET /api/v1/tms/shows/:id/seats: the show and every seat
// with its category, price and state right now (a hold that ran out is
// free), for a theater management system to mirror. A key limited to other
// theaters gets 404. Scope shows:read. Errors: ErrNotFound.
func (h *Handler) apiTMSSeats(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	m, err := h.svc.SeatMap(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if k, _ := web.APIKeyFrom(c); !k.AllowsTheater(m.Show.Theater.ID) {
		return fmt.Errorf("show %d is not this key's: %w", id, ErrNotFound)
	}
	out := apiTMSSeatsResponse{Show: apiTMSShowFrom(m.Show), Seats: make([]apiTMSSeat, len(m.Seats))}
	for i, st := range m.Seats {
		out.Seats[i] = apiTMSSeat{Label: st.Seat, Category: string(st.Category), Price: st.Price, State: st.State}
		switch st.State {
		case Free:
			out.Counts.Free++
		case HeldBy:
			out.Counts.Held++
		case Sold:
			out.Counts.Booked++
		case Blocked:
			out.Counts.Blocked++
		}
	}
	out.Counts.Total = len(m.Seats)
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
