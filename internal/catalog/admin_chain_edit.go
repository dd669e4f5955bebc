package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminChainEdit is GET /admin/chains/:id/edit (those who run the chain).
// Errors: ErrNotFound.
func (h *Handler) adminChainEdit(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ch, err := h.svc.Chain(c.Request().Context(), id)
	if err != nil {
		return err
	}
	p := views.ChainFormProps{ID: ch.ID, SavedName: ch.Name, Values: chainFormValues(ch)}
	return web.Render(c, http.StatusOK, views.ChainForm(p))
}

// adminChainUpdate is POST /admin/chains/:id (those who run the chain):
// saves its name, brand and policy, or brings the form back with the
// problems marked (422). Errors: ErrNotFound.
func (h *Handler) adminChainUpdate(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	saved, err := h.svc.Chain(ctx, id)
	if err != nil {
		return err
	}
	f, err := parseChainForm(c)
	if err != nil {
		return err
	}
	if len(f.errs) == 0 {
		_, err = h.svc.UpdateChain(ctx, id, f.in)
		if errs, ok := validate.Fields(err); ok {
			f.errs = errs
		} else if err != nil {
			return err
		}
	}
	if len(f.errs) > 0 {
		p := views.ChainFormProps{ID: id, SavedName: saved.Name, Values: f.values, Errors: f.errs}
		return web.Render(c, http.StatusUnprocessableEntity, views.ChainForm(p))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved {{.Name}}.", "Name", f.in.normalized().Name))
	return web.Redirect(c, "/admin/chains")
}
