package payments

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
)

// KindTitle is a document kind's heading, in English ("Tax invoice");
// translate it with i18n.T.
func KindTitle(kind string) string {
	switch kind {
	case KindTaxInvoice:
		return i18n.Msg("Tax invoice")
	case KindCreditNote:
		return i18n.Msg("Credit note")
	}
	return i18n.Msg("Receipt")
}

// PDF renders the document on one A4 page, in English. The PDF core fonts
// cover Windows-1252 only: the rupee sign is written "Rs.", and letters
// outside Western European scripts (Devanagari in a name) print as dots.
// Pages are not compressed, so the text can be searched as written.
func (r Receipt) PDF() ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCreationDate(r.IssuedAt)
	pdf.SetModificationDate(r.IssuedAt)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetTitle(KindTitle(r.Kind)+" "+r.Number, true)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 18)
	pdf.AddPage()
	m := func(v int64) string { return tr(pdfMoney(v, r.Currency)) }

	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(0, 9, tr(KindTitle(r.Kind)), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	pdf.CellFormat(0, 6, tr("No. "+r.Number+"   Issued "+r.IssuedAt.Format("2 January 2006")), "", 1, "L", false, 0, "")
	if r.BookingCode != "" {
		pdf.CellFormat(0, 6, tr("Booking "+r.BookingCode), "", 1, "L", false, 0, "")
	}
	pdf.Ln(4)

	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(0, 6, tr(r.SellerName), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	if r.SellerAddress != "" {
		pdf.MultiCell(0, 5, tr(r.SellerAddress), "", "L", false)
	}
	if r.SellerTaxID != "" {
		pdf.CellFormat(0, 6, tr(taxIDLabel(r.TaxScheme)+": "+r.SellerTaxID), "", 1, "L", false, 0, "")
	}
	if r.PlaceOfSupply != "" {
		pdf.CellFormat(0, 6, tr("Place of supply: state "+r.PlaceOfSupply), "", 1, "L", false, 0, "")
	}
	if r.BuyerName != "" || r.BuyerEmail != "" {
		pdf.Ln(2)
		pdf.CellFormat(0, 6, tr("Billed to: "+strings.TrimSpace(r.BuyerName+" "+r.BuyerEmail)), "", 1, "L", false, 0, "")
	}
	pdf.Ln(4)

	widths := []float64{78, 12, 26, 20, 38}
	head := []string{"Description", "Qty", "Net", "Tax rate", "Tax"}
	pdf.SetFont("Helvetica", "B", 9)
	pdf.SetFillColor(235, 235, 235)
	for i, h := range head {
		align := "R"
		if i == 0 {
			align = "L"
		}
		pdf.CellFormat(widths[i], 7, h, "B", 0, align, true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("Helvetica", "", 9)
	for _, l := range r.Lines {
		desc := pdf.SplitText(tr(l.Description), widths[0])
		for i, d := range desc {
			pdf.CellFormat(widths[0], 6, d, "", 0, "L", false, 0, "")
			if i == 0 {
				pdf.CellFormat(widths[1], 6, strconv.Itoa(l.Qty), "", 0, "R", false, 0, "")
				pdf.CellFormat(widths[2], 6, m(l.Net), "", 0, "R", false, 0, "")
				pdf.CellFormat(widths[3], 6, rateLabel(l.RateBP), "", 0, "R", false, 0, "")
				pdf.CellFormat(widths[4], 6, m(l.Tax), "", 0, "R", false, 0, "")
			}
			pdf.Ln(-1)
		}
	}
	pdf.Ln(3)
	total := func(label, value string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetFont("Helvetica", style, 10)
		pdf.CellFormat(widths[0]+widths[1]+widths[2]+widths[3], 6, tr(label), "", 0, "R", false, 0, "")
		pdf.CellFormat(widths[4], 6, value, "", 1, "R", false, 0, "")
	}
	total("Net", m(r.Net), false)
	for _, t := range r.TaxLines {
		total(fmt.Sprintf("%s %s on %s", t.Name, rateLabel(t.RateBP), pdfMoney(t.Taxable, r.Currency)), m(t.Tax), false)
	}
	total("Total", m(r.Gross), true)
	if r.Kind == KindCreditNote {
		pdf.Ln(4)
		pdf.SetFont("Helvetica", "", 9)
		pdf.MultiCell(0, 5, "Credits the refund of part or all of the payment on the original document.", "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render document %s: %w", r.Number, err)
	}
	return buf.Bytes(), nil
}

// taxIDLabel names a seller's tax number under its scheme.
func taxIDLabel(scheme string) string {
	switch scheme {
	case SchemeGST:
		return "GSTIN"
	case SchemeVAT:
		return i18n.Msg("VAT number")
	}
	return i18n.Msg("Tax number")
}

// pdfMoney formats an amount for the PDF's fonts: as money.Format, with
// "Rs. " for the rupee sign they lack.
func pdfMoney(v int64, currency string) string {
	return strings.Replace(money.Format(v, currency), "₹", "Rs. ", 1)
}
