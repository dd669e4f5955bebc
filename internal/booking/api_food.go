package booking

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

// apiFoodLine is one item of food on a booking; amounts in minor units,
// Unit before tax and Tax for the whole line.
type apiFoodLine struct {
	MenuItemID int64  `json:"menu_item_id"`
	Name       string `json:"name"`
	Variant    string `json:"variant"`
	Qty        int    `json:"qty"`
	Unit       int64  `json:"unit"`
	Amount     int64  `json:"amount"`
	Tax        int64  `json:"tax"`
	Collected  bool   `json:"collected"`
	// Options are the options chosen, their prices in Unit.
	Options []string `json:"options"`
}

// apiMenuItem is an item of the theater's menu a buyer may add.
type apiMenuItem struct {
	ID          int64         `json:"id"`
	Name        string        `json:"name"`
	Description string        `json:"description"`
	Category    string        `json:"category"`
	Price       int64         `json:"price"`
	TaxBP       int           `json:"tax_basis_points"`
	Sizes       []apiMenuSize `json:"sizes"`
	Allergens   []string      `json:"allergens"`
	Dietary     []string      `json:"dietary"`
	SoldOut     bool          `json:"sold_out"`
	// Picture is the item's picture URL, "" for none.
	Picture string `json:"picture_url"`
	// OptionGroups are the choices to send as "options" when adding it.
	OptionGroups []apiOptionGroup `json:"option_groups"`
}

// apiMenuSize is one size of a menu item ("variant" when choosing it).
type apiMenuSize struct {
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

func apiFoodFrom(lines []FoodLine) []apiFoodLine {
	out := make([]apiFoodLine, len(lines))
	for i, l := range lines {
		out[i] = apiFoodLine{MenuItemID: l.MenuItemID, Name: l.Name, Variant: l.Variant, Qty: l.Qty, Unit: l.Unit,
			Amount: l.Amount(), Tax: l.Tax, Collected: l.CollectedAt != nil, Options: append([]string{}, l.Options...)}
	}
	return out
}

// apiMenu is the theater's available items for a held booking (none
// once the hold has ended).
func (h *Handler) apiMenu(ctx context.Context, co Checkout) ([]apiMenuItem, error) {
	out := []apiMenuItem{}
	if !co.Holding {
		return out, nil
	}
	menu, err := h.svc.shows.TheaterMenu(ctx, co.Show.Theater.ID)
	if err != nil {
		return nil, fmt.Errorf("menu for booking %d: %w", co.Booking.ID, err)
	}
	for _, m := range menu {
		if !m.Available {
			continue
		}
		it := apiMenuItem{ID: m.ID, Name: m.Name, Description: m.Description, Category: string(m.Category), Price: m.Price,
			TaxBP: m.TaxBP, Sizes: []apiMenuSize{}, Allergens: append([]string{}, m.Allergens...),
			Dietary: append([]string{}, m.Dietary...), SoldOut: !m.OnSale(), Picture: menuPictureURL(m), OptionGroups: apiOptionGroups(m)}
		for _, sz := range m.Sizes {
			it.Sizes = append(it.Sizes, apiMenuSize{Name: sz.Name, Price: sz.Price})
		}
		out = append(out, it)
	}
	return out, nil
}

// apiCheckoutWithMenu answers a checkout with the theater's menu.
func (h *Handler) apiCheckoutWithMenu(c echo.Context, co Checkout) error {
	out := apiCheckoutFrom(co)
	menu, err := h.apiMenu(c.Request().Context(), co)
	if err != nil {
		return err
	}
	out.Menu = menu
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// apiFoodRequest is the body of PUT /api/v1/bookings/:id/food.
type apiFoodRequest struct {
	Items []FoodChoice `json:"items"`
}

// apiFoodSet is PUT /api/v1/bookings/:id/food {"items":[{"menu_item_id":
// 3,"variant":"Large","qty":1,"options":{"Flavour":["Sweet"]}}]}: replaces
// the food of the caller's held booking and answers the new price. A
// refused choice (not on the menu, no such size, options it has not or
// too few or many of a group, qty out of 0..20, sold out, the hold has
// ended) answers 422 with fields.food. Errors: ErrNotFound, ErrInvalid.
func (h *Handler) apiFoodSet(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// Another's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(ctx, h.apiBuyer(c, id), id); err != nil {
		return err
	}
	var in apiFoodRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"items":[{"menu_item_id":1,"variant":"Large","qty":1}]}.`)
	}
	co, err := h.svc.SetFood(ctx, h.apiBuyer(c, id), id, in.Items)
	if err != nil {
		return err
	}
	return h.apiCheckoutWithMenu(c, co)
}
