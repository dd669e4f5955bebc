package catalog

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// The menu pages sit under /admin/theaters/:id, behind theaterInScope:
// only who manages the theater reaches them; elsewhere they are 404.

// menuPage is the theater a menu page edits, with its currency.
type menuPage struct {
	Theater  Theater
	Currency string
	BaseURL  string
}

// menuPageOf reads the theater of the path. Errors: ErrNotFound.
func (h *Handler) menuPageOf(c echo.Context) (menuPage, error) {
	id, err := adminPathID(c, "id")
	if err != nil {
		return menuPage{}, err
	}
	ctx := c.Request().Context()
	t, err := h.svc.Theater(ctx, id)
	if err != nil {
		return menuPage{}, err
	}
	city, err := h.svc.city(ctx, h.svc.pool, t.CitySlug)
	if err != nil {
		return menuPage{}, fmt.Errorf("city of theater %d: %w", id, err)
	}
	return menuPage{Theater: t, Currency: city.Currency, BaseURL: fmt.Sprintf("/admin/theaters/%d/menu", id)}, nil
}

// menuItemOf returns the item :item of the page's theater; another
// theater's item is not found. Errors: ErrNotFound.
func (h *Handler) menuItemOf(c echo.Context, p menuPage) (MenuItem, error) {
	id, err := adminPathID(c, "item")
	if err != nil {
		return MenuItem{}, err
	}
	m, err := h.svc.MenuItem(c.Request().Context(), id)
	if err != nil {
		return MenuItem{}, err
	}
	if m.TheaterID != p.Theater.ID {
		return MenuItem{}, fmt.Errorf("menu item %d of another theater: %w", id, ErrNotFound)
	}
	return m, nil
}

// adminMenu is GET /admin/theaters/:id/menu: the menu with a form to add
// an item. Errors: ErrNotFound.
func (h *Handler) adminMenu(c echo.Context) error {
	p, err := h.menuPageOf(c)
	if err != nil {
		return err
	}
	form := menuFormProps(c.Request().Context(), p.BaseURL, false, views.MenuItemValues{Available: true, Tax: "0", Sort: "0"}, nil)
	return h.renderMenu(c, http.StatusOK, p, form)
}

// adminMenuCreate is POST /admin/theaters/:id/menu: adds an item, or
// shows the form again with the problems marked (422).
func (h *Handler) adminMenuCreate(c echo.Context) error {
	p, err := h.menuPageOf(c)
	if err != nil {
		return err
	}
	return h.saveMenuItem(c, p, MenuItem{}, p.BaseURL)
}

// saveMenuItem stores the posted form as item (ID 0: a new one) and
// goes back to the menu, or re-renders the form at action (422).
func (h *Handler) saveMenuItem(c echo.Context, p menuPage, item MenuItem, action string) error {
	ctx := c.Request().Context()
	f := parseMenuForm(c)
	f.in.ID, f.in.TheaterID = item.ID, p.Theater.ID
	if len(f.errs) == 0 {
		_, err := h.svc.SaveMenuItem(ctx, f.in)
		if errs, ok := validate.Fields(err); ok {
			f.errs = errs
		} else if err != nil {
			return err
		}
	}
	if len(f.errs) > 0 {
		form := menuFormProps(ctx, action, item.ID != 0, f.values, f.errs)
		form.CancelHref = p.BaseURL
		return h.renderMenu(c, http.StatusUnprocessableEntity, p, form)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved {{.Name}} on the menu.", "Name", f.in.Name))
	return web.Redirect(c, p.BaseURL)
}

func (h *Handler) renderMenu(c echo.Context, status int, p menuPage, form views.MenuItemFormProps) error {
	ctx := c.Request().Context()
	items, err := h.svc.TheaterMenu(ctx, p.Theater.ID)
	if err != nil {
		return err
	}
	props := views.MenuProps{Title: i18n.T(ctx, "Menu of {{.Name}}", "Name", p.Theater.Name),
		BackHref: fmt.Sprintf("/admin/theaters/%d", p.Theater.ID), Form: form}
	for _, m := range items {
		base := p.BaseURL + "/" + strconv.FormatInt(m.ID, 10)
		row := views.MenuItemRow{Name: m.Name, Category: MenuCategoryName(ctx, m.Category), Price: i18n.Money(ctx, m.Price, p.Currency),
			Available: m.Available, EditHref: base + "/edit", AvailableAction: base + "/availability", StockAction: base + "/stock",
			Tax: strconv.FormatFloat(float64(m.TaxBP)/100, 'f', -1, 64) + "%"}
		var sizes []string
		for _, sz := range m.Sizes {
			sizes = append(sizes, sz.Name+" "+i18n.Money(ctx, sz.Price, p.Currency))
		}
		if len(sizes) > 0 {
			row.Price = strings.Join(sizes, " · ")
		}
		if m.Stock != nil {
			row.Stock = strconv.Itoa(*m.Stock)
		}
		props.Items = append(props.Items, row)
	}
	return web.Render(c, status, views.Menu(props))
}
