package booking

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
)

// apiSeatTicket is the ticket type one seat of a booking is sold as.
type apiSeatTicket struct {
	Seat          string `json:"seat"`
	TicketType    string `json:"ticket_type"`
	Name          string `json:"name"`
	Price         int64  `json:"price"`
	ProofRequired bool   `json:"proof_required"`
	ProofNote     string `json:"proof_note,omitempty"`
}

// apiTicketType is a ticket type a buyer may choose, priced per seat
// category of the booking in minor units.
type apiTicketType struct {
	Code          string           `json:"code"`
	Name          string           `json:"name"`
	AgeNote       string           `json:"age_note,omitempty"`
	ProofRequired bool             `json:"proof_required"`
	ProofNote     string           `json:"proof_note,omitempty"`
	Prices        map[string]int64 `json:"prices"`
}

func apiTicketsFrom(co Checkout) ([]apiSeatTicket, []apiTicketType) {
	seats := make([]apiSeatTicket, len(co.Booking.Seats))
	for i, st := range co.Booking.Seats {
		seats[i] = apiSeatTicket{Seat: st.Seat, TicketType: st.Ticket.Code, Name: st.Ticket.Name, Price: st.Price,
			ProofRequired: st.Ticket.ProofRequired, ProofNote: st.Ticket.ProofNote}
	}
	slices.SortFunc(seats, func(a, b apiSeatTicket) int { return compareSeats(a.Seat, b.Seat) })
	types := make([]apiTicketType, len(co.TicketTypes))
	for i, t := range co.TicketTypes {
		types[i] = apiTicketType{Code: t.Code, Name: t.Name, AgeNote: t.AgeNote, ProofRequired: t.ProofRequired,
			Prices: map[string]int64{}}
		if t.ProofRequired {
			types[i].ProofNote = t.ProofNote
		}
		for _, st := range co.Booking.Seats {
			types[i].Prices[string(st.Category)] = t.Price(st.Category, st.ListPrice)
		}
	}
	return seats, types
}

// apiTicketTypesRequest is the body of PUT /api/v1/bookings/:id/ticket-types.
type apiTicketTypesRequest struct {
	Counts map[string]int `json:"counts"`
}

// apiTicketTypesSet is PUT /api/v1/bookings/:id/ticket-types
// {"counts":{"ADULT":2,"CHILD":2}}: sells the caller's held seats as that
// many tickets of each type (in seat order) and answers the new price. A
// type not sold for the show or counts that do not add up to the seats
// answer 422 with fields.ticket_types. Errors: ErrNotFound, ErrInvalid.
func (h *Handler) apiTicketTypesSet(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.svc.Booking(ctx, h.apiBuyer(c, id), id); err != nil {
		return err
	}
	var in apiTicketTypesRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil || in.Counts == nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"counts":{"ADULT":2,"CHILD":2}}.`)
	}
	co, err := h.svc.SetTicketTypes(ctx, h.apiBuyer(c, id), id, TicketCounts(in.Counts))
	if err != nil {
		return err
	}
	return apiCheckoutAnswer(c, co)
}
