package booking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
)

// familyTypes gives the show's chain Adult at full price and Child at 60%
// for films up to PG, with proof of age asked at the door, and certifies
// the film cert.
func (b *testBundle) familyTypes(t *testing.T, cert string) (adult, child catalog.TicketType) {
	t.Helper()
	ctx := context.Background()
	_, err := b.pool.Exec(ctx, "UPDATE catalog.movies SET certification = $1 WHERE id = $2", cert, b.show.MovieID)
	require.NoError(t, err)
	d, err := b.catalog.ShowDetail(ctx, b.show.ID)
	require.NoError(t, err)
	adult, err = b.catalog.CreateTicketType(ctx, catalog.TicketType{ChainID: d.Theater.ChainID, Code: "ADULT", Name: "Adult",
		Percent: 100, Daypart: catalog.AnyTime, Active: true})
	require.NoError(t, err)
	child, err = b.catalog.CreateTicketType(ctx, catalog.TicketType{ChainID: d.Theater.ChainID, Code: "CHILD", Name: "Child",
		SortOrder: 1, Percent: 60, Daypart: catalog.AnyTime, Active: true, MaxCertification: "PG", AgeNote: "Under 15",
		ProofRequired: true, ProofNote: "Photo ID or school card showing age"})
	require.NoError(t, err)
	return adult, child
}

func (b *testBundle) bookingTotal(t *testing.T, id int64) int64 {
	t.Helper()
	var total int64
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT total_minor FROM booking.bookings WHERE id = $1", id).Scan(&total))
	return total
}

func TestAFamilyOfTwoAdultsAndTwoChildrenPaysAdultAndChildPrices(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	cb.familyTypes(t, "PG")
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5", "C6", "C7", "C8")

	_, page := ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, page, `name="count_CHILD"`, "a child ticket is offered for a PG film")
	require.Contains(t, page, "£6.00", "the child price is shown")

	res, _ := ann.Post(t, fmt.Sprintf("/bookings/%d/ticket-types", bk.ID), url.Values{"count_ADULT": {"2"}, "count_CHILD": {"2"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, page = ann.Get(t, checkoutURL(bk.ID))
	page = html.UnescapeString(page)
	require.Contains(t, page, "Standard · Child")
	require.Contains(t, page, "£35.00", "2 × £10 + 2 × £6 + 4 × £0.75 fee")
	require.Equal(t, int64(3500), cb.bookingTotal(t, bk.ID), "payment charges the family price")

	var types []string
	rows, err := cb.pool.Query(context.Background(), "SELECT ticket_type_code || ':' || price_minor FROM booking.booking_seats WHERE booking_id = $1 ORDER BY seat", bk.ID)
	require.NoError(t, err)
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		types = append(types, s)
	}
	require.Equal(t, []string{"ADULT:1000", "ADULT:1000", "CHILD:600", "CHILD:600"}, types, "assigned in seat order, prices kept on the seats")
}

func TestAChildTicketIsNotOfferedForAnEighteenCertificateFilm(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	cb.familyTypes(t, "18")
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5", "C6")

	_, page := ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, page, `name="count_ADULT"`)
	require.NotContains(t, page, `name="count_CHILD"`, "no child ticket for an 18 film")

	res, page := ann.Post(t, fmt.Sprintf("/bookings/%d/ticket-types", bk.ID), url.Values{"count_ADULT": {"1"}, "count_CHILD": {"1"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "posted anyway, it is refused")
	require.Contains(t, page, "That ticket type is not sold for this show.")
	require.Equal(t, int64(2150), cb.bookingTotal(t, bk.ID), "still two full-price seats and fees")
}

func TestAMatineeSeniorPriceDoesNotApplyInTheEvening(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	d, err := b.catalog.ShowDetail(ctx, b.show.ID)
	require.NoError(t, err)
	_, err = b.catalog.CreateTicketType(ctx, catalog.TicketType{ChainID: d.Theater.ChainID, Code: "SENIOR", Name: "Senior",
		Percent: 50, Daypart: catalog.Matinee, Active: true})
	require.NoError(t, err)
	_, err = b.catalog.CreateTicketType(ctx, catalog.TicketType{ChainID: d.Theater.ChainID, Code: "ADULT", Name: "Adult",
		Percent: 100, Daypart: catalog.AnyTime, Active: true})
	require.NoError(t, err)
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	day := time.Now().In(london).AddDate(0, 0, 3)
	startAt := func(hour int) {
		at := time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, london)
		_, err := b.pool.Exec(ctx, `UPDATE catalog.shows SET starts_at = $1, ends_at = $1::timestamptz + (ends_at - starts_at),
			clean_until = $1::timestamptz + (clean_until - starts_at) WHERE id = $2`, at, b.show.ID)
		require.NoError(t, err)
	}
	const user = 7001

	startAt(19)
	bk, err := b.svc.Hold(ctx, user, b.show.ID, []string{"C5"})
	require.NoError(t, err)
	co, err := b.svc.Checkout(ctx, user, bk.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"ADULT"}, codes(co.TicketTypes), "no senior price at 19:00")
	_, err = b.svc.SetTicketTypes(ctx, user, bk.ID, booking.TicketCounts{"SENIOR": 1})
	require.ErrorIs(t, err, booking.ErrInvalid)

	startAt(14)
	co, err = b.svc.SetTicketTypes(ctx, user, bk.ID, booking.TicketCounts{"SENIOR": 1})
	require.NoError(t, err, "a 14:00 show is a matinee")
	require.Equal(t, int64(500), co.Price.Subtotal)
}

func codes(types []catalog.TicketType) []string {
	var out []string
	for _, t := range types {
		out = append(out, t.Code)
	}
	return out
}

func TestATheatersOwnTicketTypesOverrideItsChains(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.familyTypes(t, "PG")
	d, err := b.catalog.ShowDetail(ctx, b.show.ID)
	require.NoError(t, err)
	_, err = b.catalog.CreateTicketType(ctx, catalog.TicketType{ChainID: d.Theater.ChainID, TheaterID: d.Theater.ID,
		Code: "CHILD", Name: "Kids", Percent: 50, Daypart: catalog.AnyTime, Active: true})
	require.NoError(t, err)
	const user = 7002
	bk, err := b.svc.Hold(ctx, user, b.show.ID, []string{"C5"})
	require.NoError(t, err)
	co, err := b.svc.Checkout(ctx, user, bk.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"CHILD"}, codes(co.TicketTypes), "the theater's list replaces the chain's Adult and Child")
	co, err = b.svc.SetTicketTypes(ctx, user, bk.ID, booking.TicketCounts{"CHILD": 1})
	require.NoError(t, err)
	require.Equal(t, int64(500), co.Price.Subtotal, "the theater's 50%, not the chain's 60%")
	require.Equal(t, "Kids", co.Booking.Seats[0].Ticket.Name)
}

func TestAPISetsTicketTypesAndTheCheckoutTotalChanges(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ab.familyTypes(t, "PG")
	u := ab.buyer(t, "Ann")
	bk := u.hold(t, "C5", "C6")
	path := fmt.Sprintf("/api/v1/bookings/%d", bk.ID)

	type checkout struct {
		Total       int64 `json:"total"`
		TicketTypes []struct {
			Code   string           `json:"code"`
			Prices map[string]int64 `json:"prices"`
		} `json:"ticket_types"`
		SeatTickets []struct {
			Seat       string `json:"seat"`
			TicketType string `json:"ticket_type"`
			Price      int64  `json:"price"`
		} `json:"seat_tickets"`
	}
	status, raw := u.call(t, http.MethodGet, path+"/checkout", nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var before checkout
	require.NoError(t, json.Unmarshal(raw, &before))
	require.Equal(t, int64(2150), before.Total)
	require.Len(t, before.TicketTypes, 2)
	require.Equal(t, "CHILD", before.TicketTypes[1].Code)
	require.Equal(t, int64(600), before.TicketTypes[1].Prices["standard"])

	status, raw = u.call(t, http.MethodPut, path+"/ticket-types", map[string]any{"counts": map[string]int{"ADULT": 1, "CHILD": 1}})
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var after checkout
	require.NoError(t, json.Unmarshal(raw, &after))
	require.Equal(t, int64(1750), after.Total, "£10 + £6 + 2 × £0.75")
	require.Equal(t, "CHILD", after.SeatTickets[1].TicketType)
	require.Equal(t, int64(600), after.SeatTickets[1].Price)
	status, raw = u.call(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var booked struct {
		Seats []struct {
			Label          string `json:"label"`
			TicketTypeName string `json:"ticket_type_name"`
			ProofNote      string `json:"proof_note"`
		} `json:"seats"`
	}
	require.NoError(t, json.Unmarshal(raw, &booked))
	require.Equal(t, "Child", booked.Seats[1].TicketTypeName, "the booking names each seat's ticket type")
	require.NotEmpty(t, booked.Seats[1].ProofNote, "and the proof the door asks for")

	p := u.problem(t, http.MethodPut, path+"/ticket-types", map[string]any{"counts": map[string]int{"CHILD": 1}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields["ticket_types"], "2 seats", "counts must add up to the seats")
	p = u.problem(t, http.MethodPut, path+"/ticket-types", map[string]any{"counts": map[string]int{"VIP": 2}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Equal(t, int64(1750), ab.bookingTotal(t, bk.ID), "a refused choice changes nothing")
}

func TestTheTicketAndTheDoorShowTheChildTypeAndProofNote(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	sb.familyTypes(t, "PG")
	ann, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Dora", account.Staff)
	ctx := context.Background()
	bk, err := sb.svc.Hold(ctx, ann.id, sb.show.ID, []string{"E7", "E8"})
	require.NoError(t, err)
	_, err = sb.svc.SetTicketTypes(ctx, ann.id, bk.ID, booking.TicketCounts{"ADULT": 1, "CHILD": 1})
	require.NoError(t, err)
	require.NoError(t, sb.confirm(t, bk.ID))
	_, err = sb.pool.Exec(ctx, "UPDATE catalog.ticket_types SET name = 'Renamed', proof_note = 'changed later'")
	require.NoError(t, err)

	res, page := ann.Get(t, fmt.Sprintf("/bookings/%d/ticket", bk.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	page = html.UnescapeString(page)
	require.Contains(t, page, "Child")
	require.Contains(t, page, "Proof of age/ID required: Photo ID or school card showing age")
	require.NotContains(t, page, "Renamed", "a sold ticket keeps the type it was sold as")

	sb.doorsOpen()
	full, err := sb.svc.Booking(ctx, ann.id, bk.ID)
	require.NoError(t, err)
	status, verdict := door.scan(t, sb.ticket(t, full), sb.show.ID)
	require.Equal(t, http.StatusOK, status)
	verdict = html.UnescapeString(verdict)
	require.Contains(t, verdict, "E8 Child")
	require.Contains(t, verdict, "Proof of age/ID required: Photo ID or school card showing age", "the door knows to ask")

	_, staffPage := door.Get(t, "/admin/bookings/"+bk.Code)
	require.Contains(t, html.UnescapeString(staffPage), "Child")
}

func TestSeatsTakeTheChainsOwnAdultPriceBeforeTheBuyerChooses(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	d, err := b.catalog.ShowDetail(ctx, b.show.ID)
	require.NoError(t, err)
	_, err = b.catalog.CreateTicketType(ctx, catalog.TicketType{ChainID: d.Theater.ChainID, Code: "ADULT", Name: "Adult",
		Percent: 100, FixedPrices: map[catalog.Category]int64{catalog.Standard: 1200}, Daypart: catalog.AnyTime, Active: true})
	require.NoError(t, err)
	const user = 7003
	bk, err := b.svc.Hold(ctx, user, b.show.ID, []string{"C5", "J1"})
	require.NoError(t, err)
	co, err := b.svc.Checkout(ctx, user, bk.ID)
	require.NoError(t, err)
	require.Equal(t, int64(1200+1500), co.Price.Subtotal, "the chain's Adult: £12 standard, the premium seat at its full £15")
	require.NotZero(t, co.Booking.Seats[0].Ticket.TypeID, "the seat is sold as the chain's Adult")
}
