package payments

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// A gift card order's payments carry the order's id negated as their
// booking id (bookings' ids are positive): attempts, locks, methods, gift
// cards, refunds and receipts then work for an order as for a booking,
// and where payments speaks to the booking module, subject sends an
// order's calls to giftOrders instead.

// giftOrderSubject is the booking id of order id's payments.
func giftOrderSubject(orderID int64) int64 { return -orderID }

// giftOrderOf is the order a payment's booking id stands for (ok false: a
// booking's).
func giftOrderOf(bookingID int64) (int64, bool) { return -bookingID, bookingID < 0 }

// GiftOrderCode is the reference an order is known by, on its receipt and
// in staff's payment lists: "GC-42".
func GiftOrderCode(orderID int64) string { return "GC-" + strconv.FormatInt(orderID, 10) }

// giftOrderPayWindow is how long an order's pay page stays open: nothing
// is held for it, so a late success still issues the card.
const giftOrderPayWindow = time.Hour

// Gift card order states.
const (
	GiftOrderPending  = "pending"
	GiftOrderPaid     = "paid"
	GiftOrderFailed   = "failed"
	GiftOrderRefunded = "refunded"
)

// GiftCardShop is a place gift cards are sold for on the site: a chain in
// a city, whose currency the card is in and whose ways to pay are offered.
type GiftCardShop struct {
	ChainID   int64
	ChainName string
	CitySlug  string
	CityName  string
	Currency  string
}

// GiftOrderRequest is a buyer's gift card order.
type GiftOrderRequest struct {
	UserID int64
	// Shop is where the card may be spent, one of GiftCardShops.
	ChainID  int64
	CitySlug string
	Amount   int64 // minor units
	// RecipientName and RecipientEmail are who the card is for (both
	// empty: the buyer, who is emailed the code); Message is printed on
	// its email.
	RecipientName  string
	RecipientEmail string
	Message        string
	// Lang is the language the recipient's email is written in.
	Lang string
}

// GiftOrder is a gift card bought on the site.
type GiftOrder struct {
	ID             int64
	UserID         int64
	ChainID        int64
	CitySlug       string
	Currency       string
	Amount         int64
	RecipientName  string
	RecipientEmail string
	Message        string
	State          string
	CardID         int64 // 0 until paid
	CreatedAt      time.Time
	PaidAt         *time.Time
}

// Code is the order's reference ("GC-42").
func (o GiftOrder) Code() string { return GiftOrderCode(o.ID) }

// Path is the buyer's page of the order.
func (o GiftOrder) Path() string { return "/gift-cards/orders/" + strconv.FormatInt(o.ID, 10) }

func giftOrderFromRow(r paymentsdb.PaymentsGiftCardOrder) GiftOrder {
	o := GiftOrder{ID: r.ID, UserID: r.UserID, ChainID: r.ChainID, CitySlug: r.CitySlug, Currency: r.Currency,
		Amount: r.AmountMinor, RecipientName: r.RecipientName, RecipientEmail: r.RecipientEmail, Message: r.Message,
		State: r.State, CreatedAt: r.CreatedAt, PaidAt: r.PaidAt}
	if r.CardID != nil {
		o.CardID = *r.CardID
	}
	return o
}

// GiftCardShops are the places gift cards are sold for on the site (none
// without the GiftCardShops option).
func (s *Service) GiftCardShops(ctx context.Context) ([]GiftCardShop, error) {
	if s.opts.GiftCardShops == nil {
		return nil, nil
	}
	shops, err := s.opts.GiftCardShops(ctx)
	if err != nil {
		return nil, fmt.Errorf("gift card shops: %w", err)
	}
	out := shops[:0:0]
	for _, sh := range shops {
		if _, ok := giftCardMinValidity(sh.Currency); ok {
			out = append(out, sh)
		}
	}
	return out, nil
}

// OrderGiftCard records a buyer's order and begins its payment, returning
// the order and the payment to pay. Errors: validate.Errors (shop, amount,
// recipient_name, recipient_email, message), and Begin's.
func (s *Service) OrderGiftCard(ctx context.Context, r GiftOrderRequest) (GiftOrder, Payment, error) {
	shops, err := s.GiftCardShops(ctx)
	if err != nil {
		return GiftOrder{}, Payment{}, err
	}
	var shop *GiftCardShop
	for i := range shops {
		if shops[i].ChainID == r.ChainID && shops[i].CitySlug == r.CitySlug {
			shop = &shops[i]
		}
	}
	if shop == nil {
		return GiftOrder{}, Payment{}, validate.Errors{"shop": i18n.Msg("Choose where the card will be used.")}
	}
	ir := IssueRequest{ChainID: shop.ChainID, Currency: shop.Currency, Amount: r.Amount, RecipientName: r.RecipientName,
		RecipientEmail: r.RecipientEmail, Message: r.Message}
	if err := ir.validate(); err != nil {
		return GiftOrder{}, Payment{}, err
	}
	row, err := s.q.GiftOrderInsert(ctx, s.pool, paymentsdb.GiftOrderInsertParams{UserID: r.UserID, ChainID: shop.ChainID,
		CitySlug: shop.CitySlug, Currency: shop.Currency, AmountMinor: ir.Amount, RecipientName: ir.RecipientName,
		RecipientEmail: ir.RecipientEmail, Message: ir.Message, Lang: r.Lang})
	if err != nil {
		return GiftOrder{}, Payment{}, fmt.Errorf("record gift card order: %w", err)
	}
	o := giftOrderFromRow(row)
	p, err := s.begin(ctx, PaymentRequest{BookingID: giftOrderSubject(o.ID), Code: o.Code(), UserID: r.UserID,
		Amount: o.Amount, Currency: o.Currency, Description: "Gift card " + o.Code(), ReturnPath: o.Path(),
		HoldExpiresAt: s.opts.Now().Add(giftOrderPayWindow)})
	if err != nil {
		return o, Payment{}, fmt.Errorf("pay for gift card order %d: %w", o.ID, err)
	}
	return o, p, nil
}

// GiftOrderFor returns order id when userID placed it.
// Errors: ErrNotFound (also someone else's order).
func (s *Service) GiftOrderFor(ctx context.Context, userID, id int64) (GiftOrder, error) {
	row, err := s.q.GiftOrderGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && row.UserID != userID) {
		return GiftOrder{}, fmt.Errorf("gift card order %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return GiftOrder{}, fmt.Errorf("gift card order %d: %w", id, err)
	}
	return giftOrderFromRow(row), nil
}

// GiftOrderPayment is the payment the buyer of order id pays (or paid)
// with: its latest attempt.
func (s *Service) GiftOrderPayment(ctx context.Context, id int64) (Payment, error) {
	rows, err := s.q.PaymentListForBooking(ctx, s.pool, giftOrderSubject(id))
	if err != nil || len(rows) == 0 {
		return Payment{}, fmt.Errorf("payment of gift card order %d: %w", id, errors.Join(err, ErrNotFound))
	}
	return paymentFromRow(rows[len(rows)-1]), nil
}

// giftOrderVenue is where order id's card is spent, for its ways to pay.
func (s *Service) giftOrderVenue(ctx context.Context, id int64) (Venue, error) {
	row, err := s.q.GiftOrderGet(ctx, s.pool, id)
	if err != nil {
		return Venue{}, fmt.Errorf("gift card order %d: %w", id, err)
	}
	return Venue{ChainID: row.ChainID, CitySlug: row.CitySlug}, nil
}

// giftOrderSale is an order as its receipt prints it: one line, the card,
// with no tax (a voucher is taxed when it is spent, not when it is sold).
func (s *Service) giftOrderSale(ctx context.Context, id int64) (ReceiptSale, error) {
	row, err := s.q.GiftOrderGet(ctx, s.pool, id)
	if err != nil {
		return ReceiptSale{}, fmt.Errorf("gift card order %d: %w", id, err)
	}
	return ReceiptSale{BookingID: giftOrderSubject(id), Code: GiftOrderCode(id), ChainID: row.ChainID,
		CitySlug: row.CitySlug, TimeZone: "UTC", Currency: row.Currency, Theater: "Marquee",
		Lines: []SaleLine{{Description: "Gift card", Qty: 1, Unit: row.AmountMinor, Net: row.AmountMinor}}}, nil
}

// venueOf is where booking (or order) id is sold.
func (s *Service) venueOf(ctx context.Context, bookingID int64) (Venue, error) {
	if id, ok := giftOrderOf(bookingID); ok {
		return s.giftOrderVenue(ctx, id)
	}
	if s.opts.Venue == nil {
		return Venue{}, nil
	}
	v, err := s.opts.Venue(ctx, bookingID)
	if err != nil {
		return Venue{}, fmt.Errorf("venue of booking %d: %w", bookingID, err)
	}
	return v, nil
}

// saleOf is what booking (or order) id sold, for its documents.
func (s *Service) saleOf(ctx context.Context, bookingID int64) (ReceiptSale, error) {
	if id, ok := giftOrderOf(bookingID); ok {
		return s.giftOrderSale(ctx, id)
	}
	return s.opts.Receipts.Facts.ReceiptSale(ctx, bookingID)
}
