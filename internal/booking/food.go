package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// ErrFoodSoldOut: an item of the order sold out before the payment
// arrived. It matches ErrSeatsGone, so the payment is refunded in full
// and nothing is sold.
var ErrFoodSoldOut = fmt.Errorf("some of the food sold out before the payment arrived: %w", ErrSeatsGone)

// maxFoodQty is the most of one item a booking may have.
const maxFoodQty = 20

// FoodChoice is how many of one menu item (in one size, with the
// options chosen for it: group name to option names) the buyer wants;
// Qty 0 takes it off.
type FoodChoice struct {
	MenuItemID int64               `json:"menu_item_id"`
	Variant    string              `json:"variant"`
	Qty        int                 `json:"qty"`
	Options    map[string][]string `json:"options,omitempty"`
}

func foodLineFromRow(r bookingdb.BookingBookingItem) FoodLine {
	return FoodLine{MenuItemID: r.MenuItemID, Name: r.Name, Variant: r.Variant, Qty: int(r.Qty), Unit: r.UnitPriceMinor,
		Tax: r.TaxMinor, Options: r.Options, CollectedAt: r.CollectedAt, Refunded: r.Refunded}
}

// Title is the line as an order shows it: "Popcorn (Large) — Flavour:
// Sweet, Extra butter".
func (l FoodLine) Title() string {
	t := l.Name
	if l.Variant != "" {
		t += " (" + l.Variant + ")"
	}
	if len(l.Options) > 0 {
		t += " — " + strings.Join(l.Options, ", ")
	}
	return t
}

// bookingFood reads the food of a booking.
func (s *Service) bookingFood(ctx context.Context, db bookingdb.DBTX, id int64) ([]FoodLine, error) {
	rows, err := s.q.BookingItemList(ctx, db, id)
	if err != nil {
		return nil, fmt.Errorf("food of booking %d: %w", id, err)
	}
	out := make([]FoodLine, len(rows))
	for i, r := range rows {
		out[i] = foodLineFromRow(r)
	}
	return out, nil
}

// priceFood turns choices into priced lines from the theater's menu; the
// options chosen add their prices to the unit price, and choices of the
// same item, size and options make one line. Errors: validate.Errors
// under "food" for an item not on sale, a size it does not come in,
// options it does not offer or too few or many of a group, a quantity
// out of 0..20 or more than is left.
func priceFood(menu []catalog.MenuItem, choices []FoodChoice) ([]FoodLine, error) {
	var lines []FoodLine
	for _, ch := range choices {
		if ch.Qty < 0 || ch.Qty > maxFoodQty {
			return nil, validate.Errors{"food": i18n.Msg("Choose from 0 to 20 of each item.")}
		}
		if ch.Qty == 0 {
			continue
		}
		var item *catalog.MenuItem
		for i := range menu {
			if menu[i].ID == ch.MenuItemID {
				item = &menu[i]
			}
		}
		if item == nil || !item.Available {
			return nil, validate.Errors{"food": i18n.Msg("That item is not on this theater's menu.")}
		}
		unit, ok := item.PriceOf(ch.Variant)
		if !ok {
			return nil, validate.Errors{"food": i18n.Msg("Choose one of the item's sizes.")}
		}
		options, extra, err := item.ChooseModifiers(ch.Options)
		if err != nil {
			return nil, err
		}
		unit += extra
		if item.Stock != nil && *item.Stock < ch.Qty+foodQtyOf(lines, item.ID) {
			return nil, validate.Errors{"food": "Sorry, " + item.Name + " has sold out (" + fmt.Sprint(*item.Stock) + " left)."}
		}
		line := FoodLine{MenuItemID: item.ID, Name: item.Name, Variant: ch.Variant, Qty: ch.Qty, Unit: unit, Options: options}
		if i := slices.IndexFunc(lines, func(l FoodLine) bool { return l.Title() == line.Title() && l.MenuItemID == line.MenuItemID }); i >= 0 {
			line.Qty += lines[i].Qty
			lines = slices.Delete(lines, i, i+1)
		}
		if line.Qty > maxFoodQty {
			return nil, validate.Errors{"food": i18n.Msg("Choose from 0 to 20 of each item.")}
		}
		line.Tax = foodLineTax(unit, line.Qty, item.TaxBP)
		lines = append(lines, line)
	}
	return lines, nil
}

// foodQtyOf counts item's units already in lines (other sizes of it).
func foodQtyOf(lines []FoodLine, itemID int64) int {
	n := 0
	for _, l := range lines {
		if l.MenuItemID == itemID {
			n += l.Qty
		}
	}
	return n
}

// SetFood replaces the food of the user's held booking with choices,
// priced from the theater's menu, and reprices the booking. Errors:
// ErrNotFound; validate.Errors ("food") for a refused choice or when the
// hold has ended.
func (s *Service) SetFood(ctx context.Context, userID, bookingID int64, choices []FoodChoice) (Checkout, error) {
	c, err := s.BookingDetail(ctx, userID, bookingID)
	if err != nil {
		return Checkout{}, err
	}
	menu, err := s.shows.TheaterMenu(ctx, c.Show.Theater.ID)
	if err != nil {
		return Checkout{}, fmt.Errorf("menu for booking %d: %w", bookingID, err)
	}
	lines, err := priceFood(menu, choices)
	if err != nil {
		return Checkout{}, err
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.lockHeld(ctx, tx, bookingID)
		if fields, ok := validate.Fields(err); ok {
			return validate.Errors{"food": fields["code"]}
		}
		if err != nil {
			return err
		}
		if err := s.q.BookingItemDeleteAll(ctx, tx, bookingID); err != nil {
			return fmt.Errorf("clear food: %w", err)
		}
		for _, l := range lines {
			if err := s.q.BookingItemInsertWithOptions(ctx, tx, bookingdb.BookingItemInsertWithOptionsParams{BookingID: bookingID,
				MenuItemID: l.MenuItemID, Name: l.Name, Variant: l.Variant, Qty: int32(l.Qty), UnitPriceMinor: l.Unit, TaxMinor: l.Tax,
				Options: append([]string{}, l.Options...)}); err != nil {
				return fmt.Errorf("add %s: %w", l.Name, err)
			}
		}
		promo, err := s.bookingPromo(ctx, tx, bookingID)
		if err != nil {
			return err
		}
		c.Price, err = s.repriceLocked(ctx, tx, row, c.Booking.Seats, promo)
		return err
	})
	if err != nil {
		return Checkout{}, fmt.Errorf("set food of booking %d: %w", bookingID, err)
	}
	return checkoutPriced(c), nil
}

// takeFoodStock takes the stock of a booking's food as it is paid, in
// the confirming transaction. Errors: ErrFoodSoldOut.
func (s *Service) takeFoodStock(ctx context.Context, tx pgx.Tx, bookingID int64) error {
	lines, err := s.bookingFood(ctx, tx, bookingID)
	if err != nil || len(lines) == 0 {
		return err
	}
	// A savepoint: when one item has sold out, the others' stock taken
	// just before goes back although the payer's transaction commits.
	sp, err := tx.Begin(ctx)
	if err != nil {
		return fmt.Errorf("savepoint for food stock: %w", err)
	}
	defer func() { _ = sp.Rollback(ctx) }()
	for _, l := range lines {
		err := s.shows.MenuStockTx(ctx, sp, l.MenuItemID, -l.Qty)
		if errors.Is(err, catalog.ErrSoldOut) {
			return fmt.Errorf("confirm booking %d: %s: %w", bookingID, l.Name, ErrFoodSoldOut)
		}
		if err != nil {
			return err
		}
	}
	if err := sp.Commit(ctx); err != nil {
		return fmt.Errorf("release savepoint for food stock: %w", err)
	}
	return nil
}

// refundFood marks a cancelled booking's uncollected food refunded and
// gives its stock back, in the cancelling transaction. The money is in
// the booking's total, refunded under the same policy as the tickets.
func (s *Service) refundFood(ctx context.Context, tx pgx.Tx, bookingID int64, wasPaid bool) error {
	rows, err := s.q.BookingItemRefundUncollected(ctx, tx, bookingID)
	if err != nil {
		return fmt.Errorf("refund food of booking %d: %w", bookingID, err)
	}
	if !wasPaid {
		return nil
	}
	for _, r := range rows {
		if err := s.shows.MenuStockTx(ctx, tx, r.MenuItemID, int(r.Qty)); err != nil {
			return err
		}
	}
	return nil
}

// BookingFood returns the food and drink of booking id (no owner check:
// callers have found the booking already).
func (s *Service) BookingFood(ctx context.Context, id int64) ([]FoodLine, error) {
	return s.bookingFood(ctx, s.pool, id)
}
