package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// qrContentID names the e-ticket's inline image (cid:ticket-qr).
const qrContentID = "ticket-qr"

// rendered is a message in every channel's form, in one language.
type rendered struct {
	email views.EmailProps
	qr    []byte // PNG of the e-ticket, nil when the message has none
	sms   string
	push  Push
	plain string // the email's plain-text part
}

// compose writes the message of kind for a person called name, in ctx's
// language (i18n.WithLang: the recipient's, not the sender's). unsubscribe
// is the signed link of a marketing message ("" otherwise).
func (s *Service) compose(ctx context.Context, kind Kind, p payload, name, unsubscribe string) (rendered, error) {
	base := s.opts.BaseURL
	r := rendered{email: views.EmailProps{BaseURL: base, PreferencesURL: base + "/account/notifications",
		Unsubscribe: unsubscribe}}
	if first := firstName(name); first != "" {
		r.email.Greeting = i18n.T(ctx, "Hi {{.Name}},", "Name", first)
	}
	e := &r.email
	switch kind {
	case KindBookingConfirmed, KindBookingReminder, KindBookingCancelled, KindPaymentFailed, KindShowMoved:
		if p.Booking == nil {
			return rendered{}, fmt.Errorf("%s message without its booking", kind)
		}
		if err := s.composeBooking(ctx, &r, kind, *p.Booking); err != nil {
			return rendered{}, err
		}
	case KindVerifyEmail, KindPasswordReset, KindAccountExists, KindEmailChange:
		if p.Account == nil {
			return rendered{}, fmt.Errorf("%s message without its link", kind)
		}
		composeAccount(ctx, &r, kind, *p.Account)
	case KindNewRelease, KindBookingsOpen:
		if p.Movie == nil {
			return rendered{}, fmt.Errorf("%s message without its movie", kind)
		}
		composeAlert(ctx, &r, base, kind, *p.Movie, p.Picks, p.Shows)
	case KindOffer:
		if p.Offer == nil {
			return rendered{}, fmt.Errorf("offer message without its offer")
		}
		composeOffer(ctx, &r, base, *p.Offer)
	case KindReceiptIssued:
		if p.Receipt == nil {
			return rendered{}, fmt.Errorf("%s message without its document", kind)
		}
		composeReceipt(ctx, &r, base, *p.Receipt)
	case KindGiftCard:
		if p.GiftCard == nil {
			return rendered{}, fmt.Errorf("%s message without its card", kind)
		}
		composeGiftCard(ctx, &r, base, *p.GiftCard)
	case KindTicketTransfer:
		if p.Transfer == nil {
			return rendered{}, fmt.Errorf("%s message without its transfer", kind)
		}
		composeTransfer(ctx, &r, base, *p.Transfer)
	case KindWaitlistOffer:
		if p.Waitlist == nil {
			return rendered{}, fmt.Errorf("%s message without its offer", kind)
		}
		composeWaitlist(ctx, &r, base, *p.Waitlist)
	case KindSeatsCancelled:
		if p.SeatsCancelled == nil {
			return rendered{}, fmt.Errorf("%s message without its cancellation", kind)
		}
		if err := composeSeatsCancelled(ctx, &r, base, *p.SeatsCancelled); err != nil {
			return rendered{}, err
		}
	case KindBookingExchanged:
		if p.Exchange == nil {
			return rendered{}, fmt.Errorf("%s message without its exchange", kind)
		}
		if err := composeExchange(ctx, &r, base, *p.Exchange); err != nil {
			return rendered{}, err
		}
	default:
		return rendered{}, fmt.Errorf("unknown message kind %q", kind)
	}
	e.Preheader = firstOf(e.Paragraphs)
	if r.push.Title == "" {
		r.push = Push{Title: e.Subject, Body: firstOf(e.Paragraphs), URL: e.ButtonURL}
	}
	r.push.Tag = string(kind)
	if unsubscribe != "" && r.sms != "" {
		r.sms += " " + i18n.T(ctx, "Stop: {{.Link}}", "Link", unsubscribe)
	}
	if n := smsSegments(r.sms); n > maxSMSSegments {
		s.opts.Log.WarnContext(ctx, "text message longer than it should be", "kind", kind, "lang", i18n.Lang(ctx), "parts", n)
	}
	r.plain = plainText(ctx, r.email)
	return r, nil
}

// composeAlert writes a new-release or "bookings open" alert about m.
func composeAlert(ctx context.Context, r *rendered, base string, kind Kind, m MovieNews, picks []Pick, shows []ShowPick) {
	e := &r.email
	url := base + "/movies/" + m.Slug
	if kind == KindNewRelease {
		e.Subject = i18n.T(ctx, "Now showing: {{.Title}}", "Title", m.Title)
		e.Heading = i18n.T(ctx, "{{.Title}} is now showing", "Title", m.Title)
		e.Paragraphs = []string{i18n.T(ctx, "A new movie you might like has just opened near you.")}
		e.Footer = i18n.T(ctx, "You get this because you asked for new releases in your genres and languages.")
		r.push = Push{Title: e.Subject, Body: i18n.T(ctx, "Tickets are on sale."), URL: url}
	} else {
		e.Subject = i18n.T(ctx, "Bookings are open for {{.Title}}", "Title", m.Title)
		e.Heading = e.Subject
		e.Paragraphs = []string{i18n.T(ctx, "You asked us to tell you: the first shows are on sale now. The best seats go first.")}
		e.Footer = i18n.T(ctx, "You get this because you tapped “Notify me” on {{.Title}}.", "Title", m.Title)
		r.push = Push{Title: i18n.T(ctx, "Bookings open: {{.Title}}", "Title", m.Title),
			Body: i18n.T(ctx, "The first shows are on sale now."), URL: url}
	}
	if m.Tagline != "" {
		e.Paragraphs = append(e.Paragraphs, m.Tagline)
	}
	if len(m.Genres) > 0 {
		e.Facts = []views.Fact{{Label: i18n.T(ctx, "Genres"), Value: strings.Join(m.Genres, ", ")}}
	}
	for _, sh := range shows {
		e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Showtimes for you"),
			Value: i18n.DayTime(ctx, sh.StartsAt) + " · " + sh.Theater + " · " + sh.Reason})
	}
	for _, pick := range picks {
		e.Facts = append(e.Facts, views.Fact{Label: i18n.T(ctx, "Also for you"), Value: pick.Title + " · " + pick.Reason})
	}
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "See showtimes"), url
	r.sms = "Marquee: " + e.Subject + ". " + url
}

// composeOffer writes an offer: the cinema's own words, in Marquee's frame.
func composeOffer(ctx context.Context, r *rendered, base string, o Offer) {
	e := &r.email
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
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "See the offer"), link
	e.Footer = i18n.T(ctx, "You get this because you asked for offers from Marquee.")
	r.sms = "Marquee: " + o.Subject + " " + link
	r.push = Push{Title: o.Subject, Body: firstLine(o.Body), URL: link}
}

// plainText is the plain-text part: the same words as the HTML.
func plainText(ctx context.Context, e views.EmailProps) string {
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
	b.WriteString(i18n.T(ctx, "Message settings") + ": " + e.PreferencesURL + "\n")
	if e.Unsubscribe != "" {
		b.WriteString(i18n.T(ctx, "Unsubscribe") + ": " + e.Unsubscribe + "\n")
	}
	b.WriteString("-- \nMarquee\n")
	return b.String()
}

// showTime writes an instant in the theater's zone and ctx's language:
// "Friday 14 March, 19:30", "शुक्रवार, 14 मार्च, 7:30 pm".
func showTime(ctx context.Context, t time.Time, zone string) string {
	local := t.In(location(zone))
	return i18n.LongDay(ctx, local) + ", " + i18n.Time(ctx, local)
}

func day(ctx context.Context, t time.Time, zone string) string {
	return i18n.LongDay(ctx, t.In(location(zone)))
}

func clock(ctx context.Context, t time.Time, zone string) string {
	return i18n.Time(ctx, t.In(location(zone)))
}

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
