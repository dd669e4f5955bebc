package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// adminTicketTypeEdit is GET .../ticket-types/:type/edit: the list with
// the type's form filled in. Errors: ErrNotFound.
func (h *Handler) adminTicketTypeEdit(c echo.Context) error {
	o, err := h.ticketTypeOwnerOf(c)
	if err != nil {
		return err
	}
	t, err := h.ownedTicketType(c, o)
	if err != nil {
		return err
	}
	form := h.ticketTypeFormProps(c.Request().Context(), ticketTypeURL(o, t.ID), true, ticketTypeValues(t), nil)
	form.CancelHref = o.BaseURL
	return h.renderTicketTypes(c, http.StatusOK, o, form)
}

// adminTicketTypeUpdate is POST .../ticket-types/:type: saves the type
// (tickets already sold keep what they were sold as) or shows the form
// again with the problems marked (422). Errors: ErrNotFound.
func (h *Handler) adminTicketTypeUpdate(c echo.Context) error {
	o, err := h.ticketTypeOwnerOf(c)
	if err != nil {
		return err
	}
	t, err := h.ownedTicketType(c, o)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f := parseTicketTypeForm(c)
	f.in.ID, f.in.ChainID, f.in.TheaterID = t.ID, o.ChainID, o.TheaterID
	f.check(h.svc)
	if len(f.errs) == 0 {
		_, err = h.svc.UpdateTicketType(ctx, f.in)
		if errs, ok := validate.Fields(err); ok {
			f.errs = errs
		} else if err != nil {
			return err
		}
	}
	if len(f.errs) > 0 {
		form := h.ticketTypeFormProps(ctx, ticketTypeURL(o, t.ID), true, f.values, f.errs)
		form.CancelHref = o.BaseURL
		return h.renderTicketTypes(c, http.StatusUnprocessableEntity, o, form)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved the ticket type {{.Name}}.", "Name", f.in.Name))
	return web.Redirect(c, o.BaseURL)
}

// adminTicketTypeDeactivate is POST .../ticket-types/:type/deactivate:
// the type is no longer offered; sold tickets keep it. Errors: ErrNotFound.
func (h *Handler) adminTicketTypeDeactivate(c echo.Context) error {
	o, err := h.ticketTypeOwnerOf(c)
	if err != nil {
		return err
	}
	t, err := h.ownedTicketType(c, o)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.DeactivateTicketType(ctx, t.ID); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "{{.Name}} is no longer on sale.", "Name", t.Name))
	return web.Redirect(c, o.BaseURL)
}

func ticketTypeURL(o ticketTypeOwner, id int64) string {
	return o.BaseURL + "/" + itoa64(id)
}
