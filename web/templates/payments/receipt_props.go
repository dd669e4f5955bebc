package payments

import "github.com/marqueehq/marquee/internal/platform/validate"

// ReceiptProps is a receipt, tax invoice or credit note as its page shows
// it: every amount already formatted for the reader's language.
type ReceiptProps struct {
	// Title is the kind's heading ("Tax invoice"), Number its number.
	Title, Number string
	Issued        string
	BookingCode   string
	Credit        bool
	Seller        string
	SellerAddress string
	// TaxIDLabel names TaxID ("GSTIN", "VAT number"); both "" without.
	TaxIDLabel, TaxID string
	PlaceOfSupply     string
	Buyer             string
	Lines             []ReceiptLineView
	Net, Gross        string
	Taxes             []ReceiptTaxView
	PDFHref           string
}

// ReceiptLineView is one line: Detail is "2 × 10.00" (or "" when the
// unit price is not whole), Rate "18%" ("" without tax).
type ReceiptLineView struct {
	Description, Detail string
	Net, Rate, Tax      string
	Gross               string
}

// ReceiptTaxView is one tax of the document ("CGST 9%" on the taxable).
type ReceiptTaxView struct {
	Label, Taxable, Tax string
}

// ReceiptSettingsProps is the seller form of one chain, with links to
// the other chains the person may set.
type ReceiptSettingsProps struct {
	Chains  []ReceiptChainTab
	ChainID string
	Form    SellerForm
	Errors  validate.Errors
}

// ReceiptChainTab is a chain to switch the form to.
type ReceiptChainTab struct {
	Label, Href string
	Current     bool
}

// SellerForm is a seller as typed.
type SellerForm struct {
	LegalName, Address, TaxScheme, TaxID, StateCode, SeriesPrefix string
}
