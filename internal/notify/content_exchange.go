package notify

import (
	"context"
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// composeExchange writes the message about a booking moved to another
// show: the email gives the new show and seats beside the old ones, the
// refund, a link to the calendar entry and the new e-ticket (its QR
// inline); text and push say where and when in a line.
func composeExchange(ctx context.Context, r *rendered, base string, m ExchangeMessage) error {
	b, e := m.Booking, &r.email
	ticketURL := base + b.TicketPath
	if b.TicketPath == "" {
		ticketURL = fmt.Sprintf("%s/bookings/%d", base, b.BookingID)
	}
	if b.ChainName != "" || b.BrandColor != "" {
		e.Brand = &views.EmailBrand{Name: b.ChainName, Color: b.BrandColor}
	}
	when := showTime(ctx, b.StartsAt, b.TimeZone)
	e.Subject = i18n.T(ctx, "Booking {{.Code}} moved to {{.When}}", "Code", b.Code, "When", when)
	e.Heading = i18n.T(ctx, "Your booking is moved")
	e.Paragraphs = []string{i18n.T(ctx, "As you asked, your booking is now for {{.Movie}} on {{.When}}. Use the new e-ticket below: the old one no longer opens the door.",
		"Movie", b.Movie, "When", when)}
	if b.Refund > 0 {
		e.Paragraphs = append(e.Paragraphs, i18n.T(ctx,
			"The new seats cost less: we are refunding {{.Amount}} to the card you paid with. Refunds usually arrive within 5 to 10 working days.",
			"Amount", i18n.Money(ctx, b.Refund, b.Currency)))
	}
	if m.CalendarPath != "" {
		e.Paragraphs = append(e.Paragraphs, i18n.T(ctx, "Add the new time to your calendar: {{.Link}}", "Link", base+m.CalendarPath))
	}
	e.Facts = []views.Fact{{Label: i18n.T(ctx, "Booking"), Value: b.Code}, {Label: i18n.T(ctx, "Movie"), Value: b.Movie},
		{Label: i18n.T(ctx, "Theater"), Value: b.Theater}, {Label: i18n.T(ctx, "When"), Value: when},
		{Label: i18n.T(ctx, "Seats"), Value: seatsWithTypes(ctx, b)},
		{Label: i18n.T(ctx, "Was"), Value: m.FromMovie + ", " + m.FromTheater + ", " + showTime(ctx, m.FromStartsAt, b.TimeZone) +
			" (" + strings.Join(m.FromSeats, ", ") + ")"},
		{Label: i18n.T(ctx, "Total"), Value: i18n.Money(ctx, b.Total, b.Currency)}}
	if b.Refund > 0 {
		e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Refund amount"), Value: i18n.Money(ctx, b.Refund, b.Currency)})
	}
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Open your e-ticket"), ticketURL
	if b.TicketToken != "" {
		png, err := qrcode.Encode(b.TicketToken, qrcode.Medium, 440)
		if err != nil {
			return fmt.Errorf("ticket QR code: %w", err)
		}
		r.qr, e.QRContentID = png, qrContentID
	}
	r.sms = fitSMS(
		i18n.T(ctx, "Marquee: booking {{.Code}} moved to {{.Movie}}, {{.When}}, seats {{.Seats}}. New ticket: {{.Link}}",
			"Code", b.Code, "Movie", b.Movie, "When", when, "Seats", strings.Join(b.Seats, ", "), "Link", ticketURL),
		i18n.T(ctx, "Marquee: booking {{.Code}} moved to {{.When}}.", "Code", b.Code, "When", when))
	r.push = Push{Title: e.Subject, Body: i18n.T(ctx, "Your new e-ticket is ready."), URL: ticketURL}
	return nil
}
