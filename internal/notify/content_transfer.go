package notify

import (
	"context"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// composeTransfer writes the offer of someone's tickets (to the recipient,
// with the button that accepts them) or the note to their sender that the
// recipient took them, or the receiver's own code and e-ticket once they
// accepted. Push and SMS carry no link.
func composeTransfer(ctx context.Context, r *rendered, base string, m TransferMessage) {
	e := &r.email
	when := showTime(ctx, m.StartsAt, m.TimeZone)
	e.Facts = []views.Fact{{Label: i18n.T(ctx, "Movie"), Value: m.Movie}, {Label: i18n.T(ctx, "Theater"), Value: m.Theater},
		{Label: i18n.T(ctx, "When"), Value: when}, {Label: i18n.T(ctx, "Seats"), Value: strings.Join(m.Seats, ", ")}}
	if m.Received {
		e.Subject = i18n.T(ctx, "Your tickets for {{.Movie}}", "Movie", m.Movie)
		e.Heading = i18n.T(ctx, "The tickets are yours")
		e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Booking code"), Value: m.Code})
		e.Paragraphs = []string{i18n.T(ctx, "You accepted these tickets. Show the e-ticket, or tell the door this code. The code the sender had no longer gets anyone in.")}
		e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Open your e-ticket"), base+m.Path
		e.Footer = i18n.T(ctx, "Anyone with this link can open your e-ticket: don't forward it.")
		r.sms = "Marquee: " + e.Subject + ": " + m.Code + "."
		r.push = Push{Title: e.Subject, Body: m.Code}
		return
	}
	if m.Accepted {
		e.Subject = i18n.T(ctx, "{{.Email}} accepted your tickets for {{.Movie}}", "Email", m.Email, "Movie", m.Movie)
		e.Heading = i18n.T(ctx, "Your tickets were passed on")
		e.Paragraphs = []string{i18n.T(ctx, "The booking is now {{.Email}}'s and your e-ticket no longer gets anyone in. A refund, if the booking is ever cancelled, still goes to the card you paid with.", "Email", m.Email)}
		e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "My bookings"), base+"/account/bookings"
		r.sms = "Marquee: " + e.Subject + "."
		return
	}
	from := m.SenderName
	if from == "" {
		from = i18n.T(ctx, "Someone")
	}
	e.Subject = i18n.T(ctx, "{{.Name}} sent you tickets for {{.Movie}}", "Name", from, "Movie", m.Movie)
	e.Heading = i18n.T(ctx, "Tickets for you")
	e.Paragraphs = []string{i18n.T(ctx, "Accept them to get your own e-ticket. Sign in, or create an account, with any address you like.")}
	e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Accept by"), Value: showTime(ctx, m.ExpiresAt, m.TimeZone)})
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Accept tickets"), base+m.Path
	e.Footer = i18n.T(ctx, "Anyone with this link can take the tickets: don't forward it. If you weren't expecting it, ignore this email.")
	r.sms = "Marquee: " + e.Subject + ". " + i18n.T(ctx, "The link is in your email.")
	r.push = Push{Title: e.Subject, Body: i18n.T(ctx, "The link is in your email.")}
}
