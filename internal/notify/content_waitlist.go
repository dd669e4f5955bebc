package notify

import (
	"context"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// composeWaitlist writes the offer of seats that freed up on a show the
// buyer waits for: what is held, until when, and the button to the offer.
func composeWaitlist(ctx context.Context, r *rendered, base string, m WaitlistOfferMessage) {
	e := &r.email
	until := showTime(ctx, m.ExpiresAt, m.TimeZone)
	e.Subject = i18n.T(ctx, "Seats for {{.Movie}} are held for you", "Movie", m.Movie)
	e.Heading = i18n.T(ctx, "Your turn on the waitlist")
	e.Paragraphs = []string{i18n.T(ctx, "Seats freed up and we are holding them for you until {{.Until}}. Pay before then to keep them; after that they go to the next person waiting.", "Until", until)}
	e.Facts = []views.Fact{{Label: i18n.T(ctx, "Movie"), Value: m.Movie}, {Label: i18n.T(ctx, "Theater"), Value: m.Theater},
		{Label: i18n.T(ctx, "When"), Value: showTime(ctx, m.StartsAt, m.TimeZone)},
		{Label: i18n.T(ctx, "Seats"), Value: strings.Join(m.Seats, ", ")}, {Label: i18n.T(ctx, "Held until"), Value: until}}
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "See the offer"), base+m.Path
	r.sms = "Marquee: " + e.Subject + " " + i18n.T(ctx, "until {{.Until}}:", "Until", until) + " " + base + m.Path
	r.push = Push{Title: e.Subject, Body: i18n.T(ctx, "Pay before {{.Until}} to keep them.", "Until", until), URL: base + m.Path}
}
