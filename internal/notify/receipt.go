package notify

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// Kinds of document a receipt message is about (ReceiptMessage.Kind).
const (
	DocReceipt    = "receipt"
	DocTaxInvoice = "tax_invoice"
	DocCreditNote = "credit_note"
)

// ReceiptMessage is a document issued for a booking's payment: a receipt,
// a tax invoice or a credit note (payments hands it over, so notify never
// reads payments' tables).
type ReceiptMessage struct {
	ReceiptID int64 `json:"receipt_id"`
	BookingID int64 `json:"booking_id"`
	// UserID is the buyer's account; 0 for a guest, told at Email.
	UserID int64  `json:"user_id"`
	Email  string `json:"email,omitempty"`
	// Lang is the language the booking was made in; notify records the
	// asking request's when it is empty. The account's choice comes first.
	Lang string `json:"lang,omitempty"`
	// Kind is DocReceipt, DocTaxInvoice or DocCreditNote.
	Kind string `json:"kind"`
	// Number is the document's number, "LUM-2026-R-000042".
	Number string `json:"number"`
	// Path is where the buyer sees and prints it on the site,
	// "/receipts/42"; Path+"/pdf" downloads it.
	Path string `json:"path"`
}

// ReceiptIssued asks, inside tx, for the email that tells the buyer a
// document was issued, with links to see, print and download it; to the
// account, or to a guest's address (UserID 0). Asking twice for one
// document sends one. A document of a guest without an address is told
// to nobody.
//
// Errors: ErrInvalid (an unknown kind, no number or no path).
func (s *Service) ReceiptIssued(ctx context.Context, tx pgx.Tx, m ReceiptMessage) error {
	switch m.Kind {
	case DocReceipt, DocTaxInvoice, DocCreditNote:
	default:
		return fmt.Errorf("receipt %d of kind %q: %w", m.ReceiptID, m.Kind, ErrInvalid)
	}
	if m.Number == "" || m.Path == "" {
		return fmt.Errorf("receipt %d without its number or page: %w", m.ReceiptID, ErrInvalid)
	}
	email := ""
	if m.UserID == 0 {
		if m.Email == "" {
			return nil
		}
		email = m.Email
	}
	m.Lang = askedIn(ctx, m.Lang)
	_, err := s.enqueue(ctx, tx, message{key: "receipt.issued:" + strconv.FormatInt(m.ReceiptID, 10), kind: KindReceiptIssued,
		category: Transactional, userID: m.UserID, email: email, data: payload{Receipt: &m}})
	return err
}
