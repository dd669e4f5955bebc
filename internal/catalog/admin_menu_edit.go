package catalog

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// adminMenuEdit is GET /admin/theaters/:id/menu/:item/edit: the menu with
// the item's form filled in. Errors: ErrNotFound.
func (h *Handler) adminMenuEdit(c echo.Context) error {
	p, err := h.menuPageOf(c)
	if err != nil {
		return err
	}
	m, err := h.menuItemOf(c, p)
	if err != nil {
		return err
	}
	return h.renderMenu(c, http.StatusOK, p, h.menuEditForm(c, p, m))
}

// adminMenuUpdate is POST /admin/theaters/:id/menu/:item: saves the item
// (orders already taken keep what they were sold at), or 422.
func (h *Handler) adminMenuUpdate(c echo.Context) error {
	p, err := h.menuPageOf(c)
	if err != nil {
		return err
	}
	m, err := h.menuItemOf(c, p)
	if err != nil {
		return err
	}
	return h.saveMenuItem(c, p, m, p.BaseURL+"/"+strconv.FormatInt(m.ID, 10))
}

// adminMenuAvailability is POST .../menu/:item/availability with
// available=1 or 0: puts the item on sale or takes it off.
func (h *Handler) adminMenuAvailability(c echo.Context) error {
	p, err := h.menuPageOf(c)
	if err != nil {
		return err
	}
	m, err := h.menuItemOf(c, p)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	on := c.FormValue("available") == "1"
	if err := h.svc.SetMenuItemAvailable(ctx, m.ID, on); err != nil {
		return err
	}
	msg := i18n.T(ctx, "{{.Name}} is off the menu for now.", "Name", m.Name)
	if on {
		msg = i18n.T(ctx, "{{.Name}} is on sale again.", "Name", m.Name)
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	return web.Redirect(c, p.BaseURL)
}

// adminMenuStock is POST .../menu/:item/stock: sets what is left (blank
// for unlimited), or shows the menu with the problem (422).
func (h *Handler) adminMenuStock(c echo.Context) error {
	p, err := h.menuPageOf(c)
	if err != nil {
		return err
	}
	m, err := h.menuItemOf(c, p)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var stock *int
	if s := strings.TrimSpace(c.FormValue("stock")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			n = -1
		}
		stock = &n
	}
	if err := h.svc.SetMenuItemStock(ctx, m.ID, stock); err != nil {
		errs, ok := validate.Fields(err)
		if !ok {
			return err
		}
		form := menuFormProps(ctx, p.BaseURL+"/"+strconv.FormatInt(m.ID, 10), true, menuItemValues(m), errs)
		form.CancelHref = p.BaseURL
		return h.renderMenu(c, http.StatusUnprocessableEntity, p, form)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved the stock of {{.Name}}.", "Name", m.Name))
	return web.Redirect(c, p.BaseURL)
}
