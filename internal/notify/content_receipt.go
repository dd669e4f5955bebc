package notify

import (
	"context"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// composeReceipt writes the email that a receipt, tax invoice or credit
// note was issued: its number, a link to see and print it, and one to
// download its PDF.
func composeReceipt(ctx context.Context, r *rendered, base string, m ReceiptMessage) {
	e := &r.email
	page, pdf := base+m.Path, base+m.Path+"/pdf"
	switch m.Kind {
	case DocTaxInvoice:
		e.Subject = i18n.T(ctx, "Your tax invoice {{.Number}}", "Number", m.Number)
		e.Heading = i18n.T(ctx, "Your tax invoice")
		e.Paragraphs = []string{i18n.T(ctx, "Here is the tax invoice for your booking's payment.")}
	case DocCreditNote:
		e.Subject = i18n.T(ctx, "Your credit note {{.Number}}", "Number", m.Number)
		e.Heading = i18n.T(ctx, "Your credit note")
		e.Paragraphs = []string{i18n.T(ctx, "Here is the credit note for the refund of your booking's payment.")}
	default:
		e.Subject = i18n.T(ctx, "Your receipt {{.Number}}", "Number", m.Number)
		e.Heading = i18n.T(ctx, "Your receipt")
		e.Paragraphs = []string{i18n.T(ctx, "Here is the receipt for your booking's payment.")}
	}
	e.Facts = []views.Fact{{Label: i18n.T(ctx, "Number"), Value: m.Number}, {Label: i18n.T(ctx, "Download PDF"), Value: pdf}}
	e.ButtonLabel, e.ButtonURL = i18n.T(ctx, "View and print"), page
	e.Footer = i18n.T(ctx, "Keep this email for your records.")
	r.sms = "Marquee: " + e.Subject + ". " + page
}
