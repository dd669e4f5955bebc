package payments

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// Document kinds: a receipt where the sale carried no tax (or the seller
// is not registered for it), a tax invoice where it did, and a credit note
// for each refund.
const (
	KindReceipt    = "receipt"
	KindTaxInvoice = "tax_invoice"
	KindCreditNote = "credit_note"
)

// Tax schemes a seller is registered under.
const (
	SchemeGST  = "gst"
	SchemeVAT  = "vat"
	SchemeNone = "none"
)

// ErrNoReceiptFacts: the payments service was built without ReceiptFacts,
// so it cannot issue documents.
var ErrNoReceiptFacts = errors.New("payments: receipts need ReceiptOptions.Facts")

// ReceiptFacts tells payments what a booking sold (*booking.Service). It
// is called by the issuing job, outside any transaction.
type ReceiptFacts interface {
	// ReceiptSale returns the booking's lines, theater and buyer.
	ReceiptSale(ctx context.Context, bookingID int64) (ReceiptSale, error)
}

// ReceiptSale is a booking as its documents print it, filled in by
// booking: each line's net and tax as the booking recorded them, so the
// lines' gross adds up to the booking's total.
type ReceiptSale struct {
	BookingID int64
	Code      string
	// ChainID and TheaterID are catalogue ids: the seller is the chain's.
	ChainID   int64
	TheaterID int64
	Theater   string
	// CitySlug places the sale in a GST state (see GSTStateOfCity).
	CitySlug string
	// TimeZone is the theater's: a document's year is the year there.
	TimeZone string
	Currency string
	// GuestEmail is the buyer of a booking without an account ("" else),
	// GuestLang the language they booked in.
	GuestEmail string
	GuestLang  string
	Lines      []SaleLine
}

// SaleLine is one line of a sale: Qty × Unit = Net (before tax, negative
// for a discount), Tax the whole line's at RateBP basis points (1800 is
// 18%).
type SaleLine struct {
	Description string
	Qty         int
	Unit        int64
	Net         int64
	RateBP      int64
	Tax         int64
}

// ReceiptMail is what the buyer is told when a document is issued: who
// (UserID, or a guest's Email in Lang), and where to see it (Path, on the
// site).
type ReceiptMail struct {
	ReceiptID int64
	PaymentID int64
	BookingID int64
	UserID    int64
	Email     string
	Lang      string
	Kind      string
	Number    string
	Path      string
}

// ReceiptOptions connect receipts to the modules around payments. Facts
// is required for documents to be issued; the rest are optional.
type ReceiptOptions struct {
	// Facts reads what a booking sold (*booking.Service).
	Facts ReceiptFacts
	// Issued is called inside the transaction that issues a document, so
	// a message about it is enqueued exactly when it commits.
	Issued func(ctx context.Context, tx pgx.Tx, m ReceiptMail) error
	// Buyer names an account's holder and email for the document (nil or
	// an error: the document names no one).
	Buyer func(ctx context.Context, userID int64) (name, email string, err error)
	// ChainNames names the chains on the settings page (nil: by number).
	ChainNames func(ctx context.Context) (map[int64]string, error)
}

// Receipt is an issued document. Amounts are minor units of Currency; a
// credit note's are negative.
type Receipt struct {
	ID            int64
	ChainID       int64
	TheaterID     int64
	Number        string
	Kind          string
	PaymentID     int64
	RefundID      int64
	OriginalID    int64
	BookingID     int64
	BookingCode   string
	Currency      string
	Lines         []ReceiptLine
	TaxLines      []TaxLine
	Net           int64
	Tax           int64
	Gross         int64
	SellerName    string
	SellerAddress string
	SellerTaxID   string
	TaxScheme     string
	BuyerName     string
	BuyerEmail    string
	// PlaceOfSupply is the GST state code of the show ("" outside GST).
	PlaceOfSupply string
	IssuedAt      time.Time
	// userID is the payment's buyer (0: a guest, or a deleted account);
	// lang a guest's language, for the mail.
	userID int64
	lang   string
}

// Path is the document's page.
func (r Receipt) Path() string { return "/receipts/" + strconv.FormatInt(r.ID, 10) }

// ReceiptLine is a line of a document.
type ReceiptLine struct {
	Description string `json:"description"`
	Qty         int    `json:"qty"`
	// Unit is the net price of one (0 when the line's net is not a whole
	// multiple of Qty, as in a credit note for part of a payment).
	Unit   int64 `json:"unit"`
	Net    int64 `json:"net"`
	RateBP int64 `json:"rate_bp"`
	Tax    int64 `json:"tax"`
	Gross  int64 `json:"gross"`
}

// TaxLine is the tax of one kind and rate on a document ("CGST 9%").
type TaxLine struct {
	Name    string `json:"name"`
	RateBP  int64  `json:"rate_bp"`
	Taxable int64  `json:"taxable"`
	Tax     int64  `json:"tax"`
}

// ReceiptLink is a document of a booking, for its page to link to.
type ReceiptLink struct {
	ID     int64
	Kind   string
	Number string
	Gross  int64
	// Currency is of Gross.
	Currency string
	IssuedAt time.Time
	Path     string
	PDFPath  string
}

// rateLabel writes basis points as a percentage ("18%", "2.5%").
func rateLabel(bp int64) string {
	if bp%100 == 0 {
		return fmt.Sprintf("%d%%", bp/100)
	}
	return strconv.FormatFloat(float64(bp)/100, 'f', -1, 64) + "%"
}
