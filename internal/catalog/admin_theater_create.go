package catalog

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminTheaterCreate is POST /admin/theaters: saves a new theater and shows
// its page (to add screens and prices), or brings the form back with the
// input kept and the problems marked (422). The theater joins the chosen
// chain, one the staff member may add to (403 for those who run none).
func (h *Handler) adminTheaterCreate(c echo.Context) error {
	ctx := c.Request().Context()
	chains, err := h.newTheaterChains(c)
	if err != nil {
		return err
	}
	cities, err := h.svc.Cities(ctx)
	if err != nil {
		return err
	}
	f, err := parseTheaterForm(c, cities)
	if err != nil {
		return err
	}
	f.values.Chain = c.FormValue("chain")
	f.in.ChainID = chosenChain(ctx, f.values.Chain, chains, &f.errs)
	var t Theater
	if len(f.errs) == 0 {
		t, err = h.svc.CreateTheater(ctx, f.in)
		if errs, ok := validate.Fields(err); ok {
			f.errs = errs
		} else if err != nil {
			return err
		}
	}
	if len(f.errs) > 0 {
		p := theaterFormProps(ctx, cities, nil, f.values, f.errs)
		p.Chains = chainChoices(chains)
		return web.Render(c, http.StatusUnprocessableEntity, views.TheaterForm(p))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Added {{.Name}}. Now add its screens and ticket prices.", "Name", t.Name))
	return web.Redirect(c, fmt.Sprintf("/admin/theaters/%d", t.ID))
}
