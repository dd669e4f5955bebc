package notify

import (
	"context"
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// composeBooking writes a message about booking b in ctx's language; times
// are the theater's, money the booking's currency written the language's
// way. Texts come in a full and a shorter form, and the first that fits
// maxSMSSegments is sent.
func (s *Service) composeBooking(ctx context.Context, r *rendered, kind Kind, b BookingMessage) error {
	base, e := s.opts.BaseURL, &r.email
	when := showTime(ctx, b.StartsAt, b.TimeZone)
	short := i18n.DayTime(ctx, b.StartsAt.In(location(b.TimeZone)))
	ticketURL := base + b.TicketPath
	if b.TicketPath == "" {
		ticketURL = fmt.Sprintf("%s/bookings/%d", base, b.BookingID)
	}
	seats := strings.Join(b.Seats, ", ")
	if b.ChainName != "" || b.BrandColor != "" {
		e.Brand = &views.EmailBrand{Name: b.ChainName, Color: b.BrandColor}
	}
	e.Facts = []views.Fact{{Label: i18n.T(ctx, "Booking"), Value: b.Code}, {Label: i18n.T(ctx, "Movie"), Value: b.Movie},
		{Label: i18n.T(ctx, "When"), Value: when}, {Label: i18n.T(ctx, "Where"), Value: b.Theater + ", " + b.Screen},
		{Label: i18n.T(ctx, "Seats"), Value: seatsWithTypes(ctx, b)}}
	switch kind {
	case KindBookingConfirmed, KindBookingReminder:
		args := []any{"Code", b.Code, "Movie", b.Movie, "When", when, "Theater", b.Theater, "Seats", seats, "Link", ticketURL}
		shortArgs := []any{"Code", b.Code, "Movie", b.Movie, "When", short, "Link", ticketURL}
		if kind == KindBookingConfirmed {
			e.Subject = i18n.T(ctx, "Your tickets for {{.Movie}} · {{.Code}}", "Movie", b.Movie, "Code", b.Code)
			e.Heading = i18n.T(ctx, "You're going to see {{.Movie}}", "Movie", b.Movie)
			e.Paragraphs = []string{i18n.T(ctx, "Your booking is confirmed. Show the QR code below at the door, or open your e-ticket on your phone.")}
			e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Paid"), Value: i18n.Money(ctx, b.Total, b.Currency)})
			r.sms = fitSMS(
				i18n.T(ctx, "Marquee: booking {{.Code}} confirmed. {{.Movie}}, {{.When}} at {{.Theater}}, seats {{.Seats}}. Ticket: {{.Link}}", args...),
				i18n.T(ctx, "Marquee: booking {{.Code}} confirmed. {{.Movie}}, {{.When}}. Ticket: {{.Link}}", shortArgs...))
		} else {
			e.Subject = i18n.T(ctx, "Reminder: {{.Movie}} at {{.Time}}", "Movie", b.Movie, "Time", clock(ctx, b.StartsAt, b.TimeZone))
			e.Heading = i18n.T(ctx, "{{.Movie}} starts soon", "Movie", b.Movie)
			e.Paragraphs = []string{i18n.T(ctx, "Your show starts at {{.When}}. Have your e-ticket ready at the door.", "When", when)}
			r.sms = fitSMS(
				i18n.T(ctx, "Marquee reminder: {{.Movie}} at {{.When}}, {{.Theater}}, seats {{.Seats}}. Ticket: {{.Link}}", args...),
				i18n.T(ctx, "Marquee reminder: {{.Movie}} at {{.When}}. Ticket: {{.Link}}", shortArgs...))
		}
		if b.TicketNote != "" {
			// The chain's own words, as on its printed tickets.
			e.Paragraphs = append(e.Paragraphs, b.TicketNote)
		}
		e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Open your e-ticket"), ticketURL
		e.Footer = i18n.T(ctx, "Arrive a little early: the doors open 20 minutes before the show.")
		if b.TicketToken != "" {
			png, err := qrcode.Encode(b.TicketToken, qrcode.Medium, 440)
			if err != nil {
				return fmt.Errorf("ticket QR code: %w", err)
			}
			r.qr, e.QRContentID = png, qrContentID
		}
	case KindBookingCancelled:
		composeCancelled(ctx, r, base, b)
	case KindShowMoved:
		composeShowMoved(ctx, r, base, b)
	case KindPaymentFailed:
		e.Subject = i18n.T(ctx, "Your payment for {{.Movie}} didn't go through", "Movie", b.Movie)
		e.Heading = i18n.T(ctx, "Your payment didn't go through")
		e.Paragraphs = []string{i18n.T(ctx, "We couldn't take the payment for your booking, so your seats were not booked. You have not been charged.")}
		if b.Reason != "" {
			e.Paragraphs = append(e.Paragraphs, b.Reason)
		}
		e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Choose seats again"), base+"/"
		r.sms = "Marquee: " + e.Subject + ". " + i18n.T(ctx, "You have not been charged.")
	}
	return nil
}

// composeCancelled writes the cancellation notice, with the cinema's
// apology when it cancelled the show and the refund when there is one.
func composeCancelled(ctx context.Context, r *rendered, base string, b BookingMessage) {
	e := &r.email
	if b.ByCinema {
		e.Subject = i18n.T(ctx, "{{.Movie}} on {{.Day}} is cancelled", "Movie", b.Movie, "Day", day(ctx, b.StartsAt, b.TimeZone))
		e.Heading = i18n.T(ctx, "We're sorry: the cinema cancelled your show")
		e.Paragraphs = []string{i18n.T(ctx, "The cinema had to cancel this show, so your booking is cancelled.")}
	} else {
		e.Subject = i18n.T(ctx, "Booking {{.Code}} is cancelled", "Code", b.Code)
		e.Heading = i18n.T(ctx, "Your booking is cancelled")
		e.Paragraphs = []string{i18n.T(ctx, "As you asked, we cancelled your booking and released the seats.")}
	}
	if b.Reason != "" {
		e.Paragraphs = append(e.Paragraphs, b.Reason)
	}
	refund := i18n.Money(ctx, b.Refund, b.Currency)
	if b.Refund > 0 {
		e.Paragraphs = append(e.Paragraphs, i18n.T(ctx,
			"We are refunding {{.Amount}} to the card you paid with. Refunds usually arrive within 5 to 10 working days.", "Amount", refund))
		e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Refund amount"), Value: refund})
	}
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Find another showtime"), base+"/"
	r.sms = "Marquee: " + e.Subject + "."
	if b.Refund > 0 {
		r.sms += " " + i18n.T(ctx, "Refund: {{.Amount}}.", "Amount", refund)
	}
}

// seatsWithTypes lists a booking's seats for the email with each one's
// ticket type, "E7 Adult, E8 Child", or just the seats when no type was
// chosen. The built-in Adult is written in ctx's language; a chain's own
// types keep the chain's names.
func seatsWithTypes(ctx context.Context, b BookingMessage) string {
	if len(b.SeatTypes) != len(b.Seats) {
		return strings.Join(b.Seats, ", ")
	}
	out := make([]string, len(b.Seats))
	for i, seat := range b.Seats {
		switch name := b.SeatTypes[i]; name {
		case "":
			out[i] = seat
		case "Adult":
			out[i] = seat + " " + i18n.T(ctx, "Adult")
		default:
			out[i] = seat + " " + name
		}
	}
	return strings.Join(out, ", ")
}
