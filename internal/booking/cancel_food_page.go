package booking

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// cancelFoodField is the name of the cancel form's quantity field for line id.
func cancelFoodField(id int64) string { return "food-" + strconv.FormatInt(id, 10) }

// cancelFoodForm reads the cancel form: the ticked seats and, per food
// line still to serve, the quantity typed; a quantity that is not a
// whole number from 0 to what the line has left is an error on its
// field. Errors: ErrNotFound.
func (h *Handler) cancelFoodForm(c echo.Context, id int64, form url.Values) (cancelChoice, error) {
	ctx := c.Request().Context()
	ch := cancelChoice{seats: form["seats"], food: map[int64]string{}, errs: map[int64]string{}}
	lines, _, err := h.svc.CancellableFood(ctx, h.buyer(c, id), id)
	if err != nil {
		return ch, err
	}
	for _, l := range lines {
		v := strings.TrimSpace(form.Get(cancelFoodField(l.ID)))
		ch.food[l.ID] = v
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 0 || n > l.Qty:
			ch.errs[l.ID] = i18n.T(ctx, "Choose from 0 to {{.Max}}.", "Max", l.Qty)
		case n > 0:
			ch.items = append(ch.items, FoodCancel{Line: l.ID, Qty: n})
		}
	}
	return ch, nil
}

// cancelFoodViews are the form's food lines with the quantities of ch and
// their errors.
func cancelFoodViews(ctx context.Context, lines []CancellableLine, ch cancelChoice, currency string) []views.CancelFoodChoice {
	out := make([]views.CancelFoodChoice, len(lines))
	for i, l := range lines {
		v := ch.food[l.ID]
		if v == "" {
			v = "0"
		}
		hint := i18n.T(ctx, "{{.Qty}} to serve, {{.Refund}} in all", "Qty", l.Qty, "Refund", i18n.Money(ctx, l.Refund, currency))
		if l.FromOrder {
			hint += " · " + i18n.T(ctx, "ordered after booking")
		}
		out[i] = views.CancelFoodChoice{Field: cancelFoodField(l.ID), Label: l.Title, Hint: hint, Max: l.Qty, Value: v, Error: ch.errs[l.ID]}
	}
	return out
}
