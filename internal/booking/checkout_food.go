package booking

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// foodField is the form field of one size of a menu item: food_<id> for a
// one-size item, food_<id>_<size index> otherwise.
func foodField(itemID int64, size int) string {
	if size < 0 {
		return "food_" + strconv.FormatInt(itemID, 10)
	}
	return fmt.Sprintf("food_%d_%d", itemID, size)
}

// foodChoicesFromForm reads the quantities of the checkout's food form,
// each size of an item with the options ticked for the item. A quantity
// that is not a whole number is refused as out of range.
func foodChoicesFromForm(c echo.Context, menu []catalog.MenuItem) []FoodChoice {
	var out []FoodChoice
	read := func(id int64, variant, field string) {
		v := strings.TrimSpace(c.FormValue(field))
		if v == "" {
			return
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			n = -1
		}
		out = append(out, FoodChoice{MenuItemID: id, Variant: variant, Qty: n})
	}
	for _, m := range menu {
		from := len(out)
		if len(m.Sizes) == 0 {
			read(m.ID, "", foodField(m.ID, -1))
		}
		for i, sz := range m.Sizes {
			read(m.ID, sz.Name, foodField(m.ID, i))
		}
		if len(out) > from {
			options := optionsFromForm(c, m)
			for i := from; i < len(out); i++ {
				out[i].Options = options
			}
		}
	}
	return out
}

// setFood is POST /bookings/:id/food: sets the food and drink of a held
// booking from the form and goes back to the checkout; a refused choice
// shows the checkout again with the reason (422). Errors: ErrNotFound.
func (h *Handler) setFood(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	uid := h.buyer(c, id)
	co, err := h.svc.BookingDetail(ctx, uid, id)
	if err != nil {
		return err
	}
	menu, err := h.svc.shows.TheaterMenu(ctx, co.Show.Theater.ID)
	if err != nil {
		return fmt.Errorf("menu for booking %d: %w", id, err)
	}
	_, err = h.svc.SetFood(ctx, uid, id, foodChoicesFromForm(c, menu))
	if fields, ok := validate.Fields(err); ok {
		co, err := h.svc.Checkout(ctx, uid, id)
		if err != nil {
			return err
		}
		props := h.checkoutProps(ctx, co, views.CheckoutPriceProps{})
		props.Food.Error = foodMessage(ctx, fields["food"])
		return web.Render(c, http.StatusUnprocessableEntity, views.Checkout(props))
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/bookings/%d/checkout#checkout-food", id))
}

// foodMessage is a refusal in ctx's language; one naming an item is
// shown as it is.
func foodMessage(ctx context.Context, msg string) string {
	if strings.HasPrefix(msg, "Sorry, ") {
		return msg
	}
	return i18n.T(ctx, msg)
}

// foodMenu is the checkout's food section for a held booking: the
// theater's items on sale with the quantities chosen. A menu that cannot
// be read leaves the section out (the tickets can still be bought).
func (h *Handler) foodMenu(ctx context.Context, co Checkout) views.FoodMenuProps {
	p := views.FoodMenuProps{Action: fmt.Sprintf("/bookings/%d/food", co.Booking.ID)}
	if !co.Holding {
		return p
	}
	menu, err := h.svc.shows.TheaterMenu(ctx, co.Show.Theater.ID)
	if err != nil {
		h.svc.opts.Log.Error("menu for checkout", "booking", co.Booking.ID, "err", err)
		return p
	}
	chosen := map[string]int{}
	for _, l := range co.Price.Food {
		chosen[fmt.Sprintf("%d/%s", l.MenuItemID, l.Variant)] += l.Qty
	}
	cur := co.Booking.Currency
	for _, m := range menu {
		if !m.Available {
			continue
		}
		name := catalog.MenuCategoryName(ctx, m.Category)
		if n := len(p.Categories); n == 0 || p.Categories[n-1].Name != name {
			p.Categories = append(p.Categories, views.FoodCategoryView{Name: name})
		}
		it := views.FoodItemView{Name: m.Name, Description: m.Description, SoldOut: !m.OnSale(),
			Allergens: strings.Join(m.Allergens, ", "), Picture: menuPictureURL(m), Groups: foodGroupViews(ctx, m, co.Price.Food, cur)}
		for _, d := range m.Dietary {
			it.Dietary = append(it.Dietary, catalog.DietaryName(ctx, d))
		}
		if len(m.Sizes) == 0 {
			it.Options = []views.FoodOptionView{{Price: i18n.Money(ctx, m.Price, cur), Field: foodField(m.ID, -1),
				Qty: chosen[fmt.Sprintf("%d/", m.ID)]}}
		}
		for i, sz := range m.Sizes {
			it.Options = append(it.Options, views.FoodOptionView{Label: sz.Name, Price: i18n.Money(ctx, sz.Price, cur),
				Field: foodField(m.ID, i), Qty: chosen[fmt.Sprintf("%d/%s", m.ID, sz.Name)]})
		}
		last := &p.Categories[len(p.Categories)-1]
		last.Items = append(last.Items, it)
	}
	return p
}

// foodLineViews formats food lines for a price or a ticket.
func foodLineViews(ctx context.Context, lines []FoodLine, cur string) []views.FoodLineView {
	out := make([]views.FoodLineView, len(lines))
	for i, l := range lines {
		out[i] = views.FoodLineView{Name: l.Title(), Qty: l.Qty, Unit: i18n.Money(ctx, l.Unit, cur), Amount: i18n.Money(ctx, l.Amount(), cur)}
	}
	return out
}
