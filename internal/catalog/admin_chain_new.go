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

// adminChainNew is GET /admin/chains/new (Marquee's admins): an empty
// chain form in the site's default colour.
func (h *Handler) adminChainNew(c echo.Context) error {
	p := views.ChainFormProps{Values: views.ChainFormValues{BrandColor: "#b4232a"}}
	return web.Render(c, http.StatusOK, views.ChainForm(p))
}

// adminChainCreate is POST /admin/chains (Marquee's admins): saves a new
// chain and goes to the chains page, or brings the form back with the
// problems marked (422).
func (h *Handler) adminChainCreate(c echo.Context) error {
	ctx := c.Request().Context()
	f, err := parseChainForm(c)
	if err != nil {
		return err
	}
	var ch Chain
	if len(f.errs) == 0 {
		ch, err = h.svc.CreateChain(ctx, f.in)
		if errs, ok := validate.Fields(err); ok {
			f.errs = errs
		} else if err != nil {
			return err
		}
	}
	if len(f.errs) > 0 {
		return web.Render(c, http.StatusUnprocessableEntity, views.ChainForm(views.ChainFormProps{Values: f.values, Errors: f.errs}))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Added the chain {{.Name}}.", "Name", ch.Name))
	return web.Redirect(c, "/admin/chains")
}
