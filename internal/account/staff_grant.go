package account

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// The staff form's field errors (message ids, translated by the view).
var (
	msgStaffNoAccount    = i18n.Msg("No account with that email: ask them to sign up first.")
	msgStaffSelf         = i18n.Msg("You cannot change your own roles.")
	msgStaffPlace        = i18n.Msg("Choose a place where you manage staff.")
	msgStaffRole         = i18n.Msg("You cannot grant that role there.")
	msgStaffChainAdmin   = i18n.Msg("A chain admin runs the whole chain: choose the chain, not one of its theaters.")
	msgStaffRoleRequired = i18n.Msg("Choose a role.")
)

// staffGrant gives a role to an existing account at a place the viewer
// manages; the form comes back with its errors (422) otherwise.
func (h *Handler) staffGrant(c echo.Context) error {
	ctx := c.Request().Context()
	form := views.StaffForm{Email: strings.TrimSpace(c.FormValue("email")), Role: c.FormValue("role"), Place: c.FormValue("place")}
	by := granter(c)
	places, err := h.staffPlaces(c)
	if err != nil {
		return err
	}
	i := -1
	here := grantable(by, places)
	for j, p := range here {
		if placeValue(p) == form.Place {
			i = j
		}
	}
	errs := map[string]string{}
	if i < 0 {
		errs["place"] = msgStaffPlace
	}
	if !authz.Role(form.Role).Valid() {
		errs["role"] = msgStaffRoleRequired
	}
	if len(errs) > 0 {
		return h.renderStaff(c, http.StatusUnprocessableEntity, form, errs)
	}
	place := here[i]
	gr := authz.Grant{Role: authz.Role(form.Role), ChainID: place.ChainID, TheaterID: place.TheaterID}
	r, err := h.svc.GrantRole(ctx, by, form.Email, gr, place.Label())
	switch {
	case errors.Is(err, ErrNotFound):
		errs["email"] = msgStaffNoAccount
	case errors.Is(err, ErrGrantSelf):
		errs["email"] = msgStaffSelf
	case errors.Is(err, ErrChainAdminAtTheater):
		errs["role"] = msgStaffChainAdmin
	case errors.Is(err, ErrGrantNotAllowed):
		errs["role"] = msgStaffRole
	case err != nil:
		return err
	}
	if len(errs) > 0 {
		return h.renderStaff(c, http.StatusUnprocessableEntity, form, errs)
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(ctx, "{{.Name}} is now {{.Role}} at {{.Place}}.",
		"Name", r.Name, "Role", views.StaffRoleLabel(ctx, form.Role), "Place", place.Label()))
	return web.Redirect(c, "/admin/staff")
}
