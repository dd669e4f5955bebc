package notify

import (
	"context"
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// composeSeatsCancelled writes the message about a partial cancellation:
// the email lists what was cancelled, the refund, the fee kept and the
// seats left, with the fresh e-ticket (its QR inline); text and push say
// what was cancelled and the refund in a line.
func composeSeatsCancelled(ctx context.Context, r *rendered, base string, m SeatsCancelledMessage) error {
	b, e := m.Booking, &r.email
	ticketURL := base + b.TicketPath
	if b.TicketPath == "" {
		ticketURL = fmt.Sprintf("%s/bookings/%d", base, b.BookingID)
	}
	if b.ChainName != "" || b.BrandColor != "" {
		e.Brand = &views.EmailBrand{Name: b.ChainName, Color: b.BrandColor}
	}
	cancelled := strings.Join(append(append([]string{}, m.Seats...), m.Items...), ", ")
	refund := i18n.Money(ctx, b.Refund, b.Currency)
	e.Subject = i18n.T(ctx, "Booking {{.Code}}: {{.What}} cancelled", "Code", b.Code, "What", cancelled)
	e.Heading = i18n.T(ctx, "Part of your booking is cancelled")
	e.Paragraphs = []string{i18n.T(ctx, "As you asked, we cancelled {{.What}}. The rest of your booking stands: use the new e-ticket below, the old one no longer opens the door for the cancelled seats.", "What", cancelled)}
	if b.Refund > 0 {
		e.Paragraphs = append(e.Paragraphs, i18n.T(ctx,
			"We are refunding {{.Amount}} to the card you paid with. Refunds usually arrive within 5 to 10 working days.", "Amount", refund))
	}
	e.Facts = []views.Fact{{Label: i18n.T(ctx, "Booking"), Value: b.Code}, {Label: i18n.T(ctx, "Movie"), Value: b.Movie},
		{Label: i18n.T(ctx, "When"), Value: showTime(ctx, b.StartsAt, b.TimeZone)}}
	if len(m.Seats) > 0 {
		e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Seats cancelled"), Value: strings.Join(m.Seats, ", ")})
	}
	if len(m.Items) > 0 {
		e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Food cancelled"), Value: strings.Join(m.Items, ", ")})
	}
	e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Refund amount"), Value: refund},
		views.Fact{Label: i18n.T(ctx, "Cancellation fee"), Value: i18n.Money(ctx, m.Fee, b.Currency)},
		views.Fact{Label: i18n.T(ctx, "Seats left"), Value: seatsWithTypes(ctx, b)},
		views.Fact{Label: i18n.T(ctx, "New total"), Value: i18n.Money(ctx, b.Total, b.Currency)})
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Open your e-ticket"), ticketURL
	if b.TicketToken != "" {
		png, err := qrcode.Encode(b.TicketToken, qrcode.Medium, 440)
		if err != nil {
			return fmt.Errorf("ticket QR code: %w", err)
		}
		r.qr, e.QRContentID = png, qrContentID
	}
	r.sms = fitSMS(
		i18n.T(ctx, "Marquee: booking {{.Code}}, {{.What}} cancelled. Refund: {{.Amount}}. New ticket: {{.Link}}",
			"Code", b.Code, "What", cancelled, "Amount", refund, "Link", ticketURL),
		i18n.T(ctx, "Marquee: booking {{.Code}}, part cancelled. Refund: {{.Amount}}.", "Code", b.Code, "Amount", refund))
	r.push = Push{Title: e.Subject, Body: i18n.T(ctx, "Refund: {{.Amount}}. Your new e-ticket is ready.", "Amount", refund), URL: ticketURL}
	return nil
}
