package account

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// requireManager lets through whoever manages some place (chain admins,
// theater managers, Marquee's own staff); box office and door staff get
// 403. RequireStaff runs first.
func (h *Handler) requireManager(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !web.Scope(c).CanAnywhere(authz.Manage) {
			return echo.NewHTTPError(http.StatusForbidden, i18n.T(c.Request().Context(), "That page is for managers."))
		}
		return next(c)
	}
}

// granter is the signed-in user as a Granter.
func granter(c echo.Context) Granter {
	u := webctx.From(c.Request().Context()).User
	return Granter{ID: u.ID, Scope: u.Scope, IP: c.RealIP()}
}

func (h *Handler) staffPage(c echo.Context) error {
	return h.renderStaff(c, http.StatusOK, views.StaffForm{Role: string(authz.BoxOffice)}, nil)
}

// staffPlaces is every chain and theater, chains first, each theater after
// its chain.
func (h *Handler) staffPlaces(c echo.Context) ([]Place, error) {
	if h.places == nil {
		return nil, nil
	}
	places, err := h.places.StaffPlaces(c.Request().Context())
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(places, func(a, b Place) int {
		return cmp.Or(cmp.Compare(a.ChainName, b.ChainName), cmp.Compare(a.ChainID, b.ChainID),
			cmp.Compare(a.TheaterName, b.TheaterName), cmp.Compare(a.TheaterID, b.TheaterID))
	})
	return places, nil
}

// grantable is the places where by manages staff.
func grantable(by Granter, places []Place) []Place {
	f := by.Scope.Filter(authz.Manage)
	var out []Place
	for _, p := range places {
		if f.Allows(p.authzPlace()) {
			out = append(out, p)
		}
	}
	return out
}

// renderStaff renders the staff page with the form's state and errors.
func (h *Handler) renderStaff(c echo.Context, status int, form views.StaffForm, errs map[string]string) error {
	ctx := c.Request().Context()
	by := granter(c)
	places, err := h.staffPlaces(c)
	if err != nil {
		return err
	}
	roles, err := h.svc.StaffRoles(ctx, by.Scope.Filter(authz.Manage))
	if err != nil {
		return err
	}
	p := views.StaffProps{Form: form, Errors: errs}
	for _, r := range roles {
		p.Rows = append(p.Rows, views.StaffRow{ID: r.ID, Name: r.Name, Email: r.Email, Role: string(r.Grant.Role),
			Place: placeOf(places, r.Grant).Label(), GrantedAt: r.GrantedAt, Revocable: by.MayGrant(r.UserID, r.Grant) == nil})
	}
	here := grantable(by, places)
	for _, pl := range here {
		p.Places = append(p.Places, views.StaffOption{Value: placeValue(pl), Label: pl.Label()})
	}
	// Offer the roles the viewer may grant somewhere (0: nobody's id).
	for _, role := range authz.Roles {
		if slices.ContainsFunc(here, func(pl Place) bool {
			return by.MayGrant(0, authz.Grant{Role: role, ChainID: pl.ChainID, TheaterID: pl.TheaterID}) == nil
		}) {
			p.Roles = append(p.Roles, string(role))
		}
	}
	return web.Render(c, status, views.Staff(p))
}

// placeValue is a place as the form's select sends it: "chain-theater".
func placeValue(p Place) string {
	return strconv.FormatInt(p.ChainID, 10) + "-" + strconv.FormatInt(p.TheaterID, 10)
}
