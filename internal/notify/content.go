package notify

import (
	"fmt"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/marqueehq/marquee/internal/platform/money"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// qrContentID names the e-ticket's inline image (cid:ticket-qr).
const qrContentID = "ticket-qr"

// rendered is a message in every channel's form.
type rendered struct {
	email views.EmailProps
	qr    []byte // PNG of the e-ticket, nil when the message has none
	sms   string
	push  Push
}

// compose writes the message of kind for a person called name. unsubscribe
// is the signed link of a marketing message ("" otherwise).
func (s *Service) compose(kind Kind, p payload, name, unsubscribe string) (rendered, error) {
	base := s.opts.BaseURL
	r := rendered{email: views.EmailProps{BaseURL: base, PreferencesURL: base + "/account/notifications",
		Unsubscribe: unsubscribe}}
	if first := firstName(name); first != "" {
		r.email.Greeting = "Hi " + first + ","
	}
	e := &r.email
	switch kind {
	case KindBookingConfirmed, KindBookingReminder, KindBookingCancelled, KindPaymentFailed, KindShowMoved:
		if p.Booking == nil {
			return rendered{}, fmt.Errorf("%s message without its booking", kind)
		}
		if err := s.composeBooking(&r, kind, *p.Booking); err != nil {
			return rendered{}, err
		}
	case KindVerifyEmail, KindPasswordReset, KindAccountExists, KindEmailChange:
		if p.Account == nil {
			return rendered{}, fmt.Errorf("%s message without its link", kind)
		}
		composeAccount(&r, kind, *p.Account)
	case KindNewRelease, KindBookingsOpen:
		if p.Movie == nil {
			return rendered{}, fmt.Errorf("%s message without its movie", kind)
		}
		m := *p.Movie
		url := base + "/movies/" + m.Slug
		if kind == KindNewRelease {
			e.Subject, e.Heading = "Now showing: "+m.Title, m.Title+" is now showing"
			e.Paragraphs = []string{"A new movie you might like has just opened near you."}
			e.Footer = "You get this because you asked for new releases in your genres and languages."
			r.push = Push{Title: "Now showing: " + m.Title, Body: "Tickets are on sale.", URL: url}
		} else {
			e.Subject, e.Heading = "Bookings are open for "+m.Title, "Bookings are open for "+m.Title
			e.Paragraphs = []string{"You asked us to tell you: the first shows are on sale now. The best seats go first."}
			e.Footer = "You get this because you tapped \"Notify me\" on " + m.Title + "."
			r.push = Push{Title: "Bookings open: " + m.Title, Body: "The first shows are on sale now.", URL: url}
		}
		if m.Tagline != "" {
			e.Paragraphs = append(e.Paragraphs, m.Tagline)
		}
		if len(m.Genres) > 0 {
			e.Facts = []views.Fact{{Label: "Genres", Value: strings.Join(m.Genres, ", ")}}
		}
		for _, pick := range p.Picks {
			e.Facts = append(e.Facts, views.Fact{Label: "Also for you", Value: pick.Title + " · " + pick.Reason})
		}
		e.ButtonLabel, e.ButtonURL = "See showtimes", url
		r.sms = "Marquee: " + e.Subject + ". " + url
	case KindOffer:
		if p.Offer == nil {
			return rendered{}, fmt.Errorf("offer message without its offer")
		}
		o := *p.Offer
		e.Subject, e.Heading = o.Subject, o.Subject
		for _, para := range strings.Split(strings.ReplaceAll(o.Body, "\r\n", "\n"), "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				e.Paragraphs = append(e.Paragraphs, para)
			}
		}
		link := o.Link
		if link == "" {
			link = base + "/"
		} else if strings.HasPrefix(link, "/") {
			link = base + link
		}
		e.ButtonLabel, e.ButtonURL = "See the offer", link
		e.Footer = "You get this because you asked for offers from Marquee."
		r.sms = "Marquee: " + o.Subject + " " + link
		r.push = Push{Title: o.Subject, Body: firstLine(o.Body), URL: link}
	default:
		return rendered{}, fmt.Errorf("unknown message kind %q", kind)
	}
	e.Preheader = firstOf(e.Paragraphs)
	if r.push.Title == "" {
		r.push = Push{Title: e.Subject, Body: firstOf(e.Paragraphs), URL: e.ButtonURL}
	}
	r.push.Tag = string(kind)
	if unsubscribe != "" && r.sms != "" {
		r.sms += " Stop: " + unsubscribe
	}
	return r, nil
}

func (s *Service) composeBooking(r *rendered, kind Kind, b BookingMessage) error {
	base, e := s.opts.BaseURL, &r.email
	when := showTime(b.StartsAt, b.TimeZone)
	ticketURL := base + b.TicketPath
	if b.TicketPath == "" {
		ticketURL = fmt.Sprintf("%s/bookings/%d", base, b.BookingID)
	}
	seats := strings.Join(b.Seats, ", ")
	e.Facts = []views.Fact{{Label: "Booking", Value: b.Code}, {Label: "Movie", Value: b.Movie}, {Label: "When", Value: when},
		{Label: "Where", Value: b.Theater + ", " + b.Screen}, {Label: "Seats", Value: seats}}
	switch kind {
	case KindBookingConfirmed, KindBookingReminder:
		if kind == KindBookingConfirmed {
			e.Subject = "Your tickets for " + b.Movie + " · " + b.Code
			e.Heading = "You're going to see " + b.Movie
			e.Paragraphs = []string{"Your booking is confirmed. Show the QR code below at the door, or open your e-ticket on your phone."}
			e.Facts = append(e.Facts, views.Fact{Label: "Paid", Value: money.Format(b.Total, b.Currency)})
			r.sms = fmt.Sprintf("Marquee: booking %s confirmed. %s, %s at %s, seats %s. Ticket: %s", b.Code, b.Movie, when, b.Theater, seats, ticketURL)
		} else {
			e.Subject = "Reminder: " + b.Movie + " at " + clock(b.StartsAt, b.TimeZone)
			e.Heading = b.Movie + " starts soon"
			e.Paragraphs = []string{"Your show starts at " + when + ". Have your e-ticket ready at the door."}
			r.sms = fmt.Sprintf("Marquee reminder: %s at %s, %s, seats %s. Ticket: %s", b.Movie, when, b.Theater, seats, ticketURL)
		}
		e.ButtonLabel, e.ButtonURL = "Open your e-ticket", ticketURL
		e.Footer = "Arrive a little early: the doors open 20 minutes before the show."
		if b.TicketToken != "" {
			png, err := qrcode.Encode(b.TicketToken, qrcode.Medium, 440)
			if err != nil {
				return fmt.Errorf("ticket QR code: %w", err)
			}
			r.qr, e.QRContentID = png, qrContentID
		}
	case KindBookingCancelled:
		if b.ByCinema {
			e.Subject = b.Movie + " on " + day(b.StartsAt, b.TimeZone) + " is cancelled"
			e.Heading = "We're sorry: the cinema cancelled your show"
			e.Paragraphs = []string{"The cinema had to cancel this show, so your booking is cancelled."}
		} else {
			e.Subject = "Booking " + b.Code + " is cancelled"
			e.Heading = "Your booking is cancelled"
			e.Paragraphs = []string{"As you asked, we cancelled your booking and released the seats."}
		}
		if b.Reason != "" {
			e.Paragraphs = append(e.Paragraphs, b.Reason)
		}
		if b.Refund > 0 {
			e.Paragraphs = append(e.Paragraphs, "We are refunding "+money.Format(b.Refund, b.Currency)+
				" to the card you paid with. Refunds usually arrive within 5 to 10 working days.")
			e.Facts = append(e.Facts, views.Fact{Label: "Refund", Value: money.Format(b.Refund, b.Currency)})
		}
		e.ButtonLabel, e.ButtonURL = "Find another showtime", base+"/"
		r.sms = "Marquee: " + e.Subject + "."
		if b.Refund > 0 {
			r.sms += " Refund: " + money.Format(b.Refund, b.Currency) + "."
		}
	case KindShowMoved:
		composeShowMoved(r, base, b)
	case KindPaymentFailed:
		e.Subject = "Your payment for " + b.Movie + " didn't go through"
		e.Heading = "Your payment didn't go through"
		e.Paragraphs = []string{"We couldn't take the payment for your booking, so your seats were not booked. You have not been charged."}
		if b.Reason != "" {
			e.Paragraphs = append(e.Paragraphs, b.Reason)
		}
		e.ButtonLabel, e.ButtonURL = "Choose seats again", base+"/"
		r.sms = "Marquee: " + e.Subject + ". You have not been charged."
	}
	return nil
}

func composeAccount(r *rendered, kind Kind, m AccountMessage) {
	e := &r.email
	e.ButtonURL = m.Link
	switch kind {
	case KindVerifyEmail:
		e.Subject, e.Heading = "Confirm your email for Marquee", "Confirm your email address"
		e.Paragraphs = []string{"Welcome to Marquee! Please confirm this is your address, so we can send your tickets here."}
		e.ButtonLabel = "Confirm my email"
		e.Footer = "If you didn't sign up for Marquee, ignore this email."
	case KindPasswordReset:
		e.Subject, e.Heading = "Reset your Marquee password", "Reset your password"
		e.Paragraphs = []string{"Someone (we hope you) asked to reset your Marquee password. The link works once and only for a short while."}
		e.ButtonLabel = "Choose a new password"
		e.Footer = "If you didn't ask, ignore this email: your password stays the same."
	case KindAccountExists:
		e.Subject, e.Heading = "You already have a Marquee account", "You already have an account"
		e.Paragraphs = []string{"Someone tried to sign up with this address, but it already has an account. If it was you, sign in, or reset your password if you forgot it."}
		e.ButtonLabel = "Reset my password"
		e.Footer = "If it wasn't you, ignore this email: nothing has changed."
	case KindEmailChange:
		e.Subject, e.Heading = "Confirm your new email address", "Confirm your new email address"
		e.Paragraphs = []string{"You asked to use this address for your Marquee account. The change happens when you open this link."}
		e.ButtonLabel = "Confirm new address"
		e.Footer = "If you didn't ask for this, ignore this email: your account keeps its address."
	}
}

// text is the plain-text part: the same words as the HTML.
func (r rendered) text() string {
	e := r.email
	var b strings.Builder
	b.WriteString(e.Heading + "\n\n")
	if e.Greeting != "" {
		b.WriteString(e.Greeting + "\n\n")
	}
	for _, p := range e.Paragraphs {
		b.WriteString(p + "\n\n")
	}
	for _, f := range e.Facts {
		fmt.Fprintf(&b, "%s: %s\n", f.Label, f.Value)
	}
	if len(e.Facts) > 0 {
		b.WriteString("\n")
	}
	if e.ButtonURL != "" {
		fmt.Fprintf(&b, "%s: %s\n\n", e.ButtonLabel, e.ButtonURL)
	}
	if e.Footer != "" {
		b.WriteString(e.Footer + "\n\n")
	}
	b.WriteString("Message settings: " + e.PreferencesURL + "\n")
	if e.Unsubscribe != "" {
		b.WriteString("Unsubscribe: " + e.Unsubscribe + "\n")
	}
	b.WriteString("-- \nMarquee\n")
	return b.String()
}

// showTime formats an instant in the theater's zone: "Friday 14 March, 19:30".
func showTime(t time.Time, zone string) string {
	return t.In(location(zone)).Format("Monday 2 January, 15:04")
}

func day(t time.Time, zone string) string { return t.In(location(zone)).Format("Monday 2 January") }

func clock(t time.Time, zone string) string { return t.In(location(zone)).Format("15:04") }

func location(zone string) *time.Location {
	if loc, err := time.LoadLocation(zone); err == nil && zone != "" {
		return loc
	}
	return time.UTC
}

func firstName(name string) string {
	f, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return f
}

func firstOf(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}
