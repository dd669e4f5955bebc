package notify

import (
	"context"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// composeAccount writes an account email (no text or push: these links
// belong to the inbox they prove).
func composeAccount(ctx context.Context, r *rendered, kind Kind, m AccountMessage) {
	e := &r.email
	e.ButtonURL = m.Link
	switch kind {
	case KindVerifyEmail:
		e.Subject, e.Heading = i18n.T(ctx, "Confirm your email for Marquee"), i18n.T(ctx, "Confirm your email address")
		e.Paragraphs = []string{i18n.T(ctx, "Welcome to Marquee! Please confirm this is your address, so we can send your tickets here.")}
		e.ButtonLabel = i18n.T(ctx, "Confirm my email")
		e.Footer = i18n.T(ctx, "If you didn't sign up for Marquee, ignore this email.")
	case KindPasswordReset:
		e.Subject, e.Heading = i18n.T(ctx, "Reset your Marquee password"), i18n.T(ctx, "Reset your password")
		e.Paragraphs = []string{i18n.T(ctx, "Someone (we hope you) asked to reset your Marquee password. The link works once and only for a short while.")}
		e.ButtonLabel = i18n.T(ctx, "Choose a new password")
		e.Footer = i18n.T(ctx, "If you didn't ask, ignore this email: your password stays the same.")
	case KindAccountExists:
		e.Subject, e.Heading = i18n.T(ctx, "You already have a Marquee account"), i18n.T(ctx, "You already have an account")
		e.Paragraphs = []string{i18n.T(ctx, "Someone tried to sign up with this address, but it already has an account. If it was you, sign in, or reset your password if you forgot it.")}
		e.ButtonLabel = i18n.T(ctx, "Reset my password")
		e.Footer = i18n.T(ctx, "If it wasn't you, ignore this email: nothing has changed.")
	case KindEmailChange:
		e.Subject = i18n.T(ctx, "Confirm your new email address")
		e.Heading = e.Subject
		e.Paragraphs = []string{i18n.T(ctx, "You asked to use this address for your Marquee account. The change happens when you open this link.")}
		e.ButtonLabel = i18n.T(ctx, "Confirm new address")
		e.Footer = i18n.T(ctx, "If you didn't ask for this, ignore this email: your account keeps its address.")
	}
}
