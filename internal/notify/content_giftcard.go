package notify

import (
	"context"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// composeGiftCard writes a bought card's email: its code, what it holds,
// until when, and the buyer's message. Push and SMS carry no code.
func composeGiftCard(ctx context.Context, r *rendered, base string, m GiftCardMessage) {
	e := &r.email
	if m.Copy {
		e.Subject = i18n.T(ctx, "Your gift card for {{.Name}}", "Name", firstOf([]string{m.Name, m.Email}))
		e.Heading = i18n.T(ctx, "A copy of the gift card you sent")
		e.Paragraphs = []string{i18n.T(ctx, "We emailed this code to {{.Email}}. Keep this copy in case it goes astray.", "Email", m.Email)}
	} else {
		e.Subject = i18n.T(ctx, "Your Marquee gift card")
		e.Heading = i18n.T(ctx, "A gift card for you")
		e.Paragraphs = []string{i18n.T(ctx, "Use the code below when you pay for tickets or snacks.")}
	}
	if m.Message != "" {
		e.Paragraphs = append(e.Paragraphs, "“"+m.Message+"”")
	}
	e.Facts = []views.Fact{{Label: i18n.T(ctx, "Gift card code"), Value: m.Code}, {Label: i18n.T(ctx, "Amount"), Value: m.Amount},
		{Label: i18n.T(ctx, "Valid until"), Value: m.ExpiresOn}}
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "Check the balance"), base+"/gift-cards/balance"
	e.Footer = i18n.T(ctx, "Anyone with the code can spend the card: keep it like cash.")
	r.sms = "Marquee: " + e.Subject + ". " + i18n.T(ctx, "The code is in your email.")
	r.push = Push{Title: e.Subject, Body: i18n.T(ctx, "The code is in your email."), URL: e.ButtonURL}
}
