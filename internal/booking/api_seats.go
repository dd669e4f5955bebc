package booking

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiSeatMapResponse is GET /api/v1/shows/:id/seats.
type apiSeatMapResponse struct {
	Show *apiShow `json:"show"`
	// OnSale is false once the show is cancelled or has started.
	OnSale bool `json:"on_sale"`
	// Available counts the free seats.
	Available int       `json:"available"`
	Seats     []apiSeat `json:"seats"`
}

// apiSeatMap is GET /api/v1/shows/:id/seats: the show and every seat with
// its category, price and state as buyers see it right now (an expired
// hold is free). It is public and never cached. Errors: ErrNotFound.
func (h *Handler) apiSeatMap(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	m, err := h.svc.SeatMap(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := apiSeatMapResponse{Show: apiShowFromDetail(m.Show), OnSale: h.svc.onSale(m.Show), Seats: make([]apiSeat, len(m.Seats))}
	for i, st := range m.Seats {
		out.Seats[i] = apiSeat{Label: st.Seat, Row: st.Row, Col: st.Col, Category: st.Category, Price: st.Price, State: st.State}
		if st.State == Free {
			out.Available++
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
