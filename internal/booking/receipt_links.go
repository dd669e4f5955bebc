package booking

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// receiptViews are the documents issued for booking id's payments, for its
// page (none without a payments module).
func (h *Handler) receiptViews(ctx context.Context, id int64) ([]views.ReceiptView, error) {
	if h.opts.Payments == nil {
		return nil, nil
	}
	links, err := h.opts.Payments.ReceiptsForBooking(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("receipts of booking %d: %w", id, err)
	}
	out := make([]views.ReceiptView, len(links))
	for i, l := range links {
		out[i] = views.ReceiptView{Label: receiptKind(ctx, l.Kind) + " " + l.Number,
			Amount: i18n.Money(ctx, l.Gross, l.Currency), Href: l.Path, PDFHref: l.PDFPath}
	}
	return out, nil
}

func receiptKind(ctx context.Context, kind string) string {
	switch kind {
	case payments.KindTaxInvoice:
		return i18n.T(ctx, "Tax invoice")
	case payments.KindCreditNote:
		return i18n.T(ctx, "Credit note")
	}
	return i18n.T(ctx, "Receipt")
}
