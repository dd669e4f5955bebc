package payments

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// receiptRoutes registers the documents' pages: the buyer's (signed in,
// or a guest whose session reaches the booking) and staff's, each
// checked against the document, and the sellers' settings (staff: the
// platform for every chain, a chain's admin for their own).
func (h *Handler) receiptRoutes(e *echo.Echo) {
	viewer := web.UserOrGuest(h.auth.Sessions, h.auth.User)
	e.GET("/receipts/:id", h.receiptPage, viewer)
	e.GET("/receipts/:id/pdf", h.receiptPDF, viewer)
	e.GET("/admin/receipt-settings", h.receiptSettings, h.auth.Staff)
	e.POST("/admin/receipt-settings", h.receiptSettingsSave, h.auth.Staff)
}

// receiptPage is GET /receipts/:id: the document, printable.
// Errors: ErrNotFound (also someone else's).
func (h *Handler) receiptPage(c echo.Context) error {
	r, err := h.receipt(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Receipt(receiptProps(c.Request().Context(), r)))
}

// receiptPDF is GET /receipts/:id/pdf: the document as a PDF file.
// Errors: ErrNotFound (also someone else's).
func (h *Handler) receiptPDF(c echo.Context) error {
	r, err := h.receipt(c)
	if err != nil {
		return err
	}
	pdf, err := r.PDF()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.pdf"`, r.Number))
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// receipt is the document of the URL, if the asker may see it.
func (h *Handler) receipt(c echo.Context) (Receipt, error) {
	id, err := paramID(c)
	if err != nil {
		return Receipt{}, err
	}
	v := Viewer{UserID: web.UserID(c), GuestBookings: web.GuestGrants(c, h.auth.Sessions), Scope: web.Scope(c)}
	return h.svc.ReceiptFor(c.Request().Context(), v, id)
}

// receiptProps formats r for its page in ctx's language.
func receiptProps(ctx context.Context, r Receipt) views.ReceiptProps {
	m := func(v int64) string { return i18n.Money(ctx, v, r.Currency) }
	p := views.ReceiptProps{Title: i18n.T(ctx, KindTitle(r.Kind)), Number: r.Number, Issued: i18n.LongDate(ctx, r.IssuedAt),
		BookingCode: r.BookingCode, Credit: r.Kind == KindCreditNote, Seller: r.SellerName, SellerAddress: r.SellerAddress,
		PlaceOfSupply: r.PlaceOfSupply, Buyer: strings.TrimSpace(r.BuyerName + " " + r.BuyerEmail),
		Net: m(r.Net), Gross: m(r.Gross), PDFHref: r.Path() + "/pdf"}
	if r.SellerTaxID != "" {
		p.TaxIDLabel, p.TaxID = i18n.T(ctx, taxIDLabel(r.TaxScheme)), r.SellerTaxID
	}
	for _, l := range r.Lines {
		lv := views.ReceiptLineView{Description: l.Description, Net: m(l.Net), Tax: m(l.Tax), Gross: m(l.Gross)}
		if l.Unit != 0 {
			lv.Detail = strconv.Itoa(l.Qty) + " × " + m(l.Unit)
		}
		if l.RateBP != 0 || l.Tax != 0 {
			lv.Rate = rateLabel(l.RateBP)
		}
		p.Lines = append(p.Lines, lv)
	}
	for _, t := range r.TaxLines {
		p.Taxes = append(p.Taxes, views.ReceiptTaxView{Label: i18n.T(ctx, t.Name) + " " + rateLabel(t.RateBP),
			Taxable: m(t.Taxable), Tax: m(t.Tax)})
	}
	return p
}
