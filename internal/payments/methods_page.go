package payments

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// adminMethods is GET /admin/payment-methods (platform staff): the ways to
// pay offered per place, and (admins) the form to change them.
func (h *Handler) adminMethods(c echo.Context) error {
	return h.renderMethods(c, http.StatusOK, views.MethodForm{First: h.svc.opts.Provider}, nil)
}

// adminMethodsSave is POST /admin/payment-methods (admins): sets a
// place's ways to pay. A refused form comes back with its errors (422).
func (h *Handler) adminMethodsSave(c echo.Context) error {
	form, _ := c.FormParams()
	f := views.MethodForm{Scope: c.FormValue("scope"), First: c.FormValue("first"), Others: form["methods"]}
	if ed := methodEditorOf(c); !ed.admin && len(ed.chains) == 0 {
		return echo.NewHTTPError(http.StatusForbidden, "Only Marquee's admins and chains' admins change the ways to pay.")
	}
	if validScope(f.Scope) && !methodEditorOf(c).changes(f.Scope) {
		return echo.NewHTTPError(http.StatusNotFound, "There is no such place among yours.")
	}
	by := "staff"
	if u := web.CurrentUser(c); u != nil {
		by = u.Email
	}
	err := h.svc.SetMethods(c.Request().Context(), f.Scope, f.First, f.Others, by)
	if fields, ok := validate.Fields(err); ok {
		return h.renderMethods(c, http.StatusUnprocessableEntity, f, fields)
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Ways to pay saved."))
	return c.Redirect(http.StatusSeeOther, "/admin/payment-methods")
}

// adminMethodsClear is POST /admin/payment-methods/clear (admins): the
// place falls back to the next wider setting.
func (h *Handler) adminMethodsClear(c echo.Context) error {
	if ed := methodEditorOf(c); !ed.admin && len(ed.chains) == 0 {
		return echo.NewHTTPError(http.StatusForbidden, "Only Marquee's admins and chains' admins change the ways to pay.")
	}
	scope := c.FormValue("scope")
	if !validScope(scope) {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "Choose the site, a chain or a city.")
	}
	if !methodEditorOf(c).changes(scope) {
		return echo.NewHTTPError(http.StatusNotFound, "There is no such place among yours.")
	}
	if err := h.svc.ClearMethods(c.Request().Context(), scope); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Setting removed."))
	return c.Redirect(http.StatusSeeOther, "/admin/payment-methods")
}

func (h *Handler) renderMethods(c echo.Context, status int, f views.MethodForm, errs map[string]string) error {
	ctx := c.Request().Context()
	places, err := h.places(ctx)
	if err != nil {
		return err
	}
	settings, err := h.svc.MethodSettings(ctx)
	if err != nil {
		return err
	}
	ed := methodEditorOf(c)
	p := views.MethodsAdminProps{CanEdit: ed.admin || len(ed.chains) > 0, Form: f, Errors: errs}
	var enabled []string
	for _, name := range h.svc.Enabled() {
		enabled = append(enabled, methodStaffLabel(ctx, name))
	}
	p.Enabled = strings.Join(enabled, ", ")
	names := map[string]string{}
	for _, pl := range places {
		names[pl.Scope] = pl.Name
		if ed.changes(pl.Scope) {
			p.Places = append(p.Places, views.Option{Value: pl.Scope, Label: pl.Name})
		}
	}
	for _, name := range providerOrder {
		p.Methods = append(p.Methods, views.Option{Value: name, Label: methodStaffLabel(ctx, name)})
	}
	for _, st := range settings {
		if !ed.sees(st.Scope) {
			continue
		}
		var ms []string
		for _, m := range st.Methods {
			ms = append(ms, methodStaffLabel(ctx, m))
		}
		place := names[st.Scope]
		if place == "" {
			place = st.Scope
		}
		p.Rows = append(p.Rows, views.MethodRow{Scope: st.Scope, Place: place, Methods: strings.Join(ms, " · "),
			Updated: adminTime(ctx, st.UpdatedAt) + " · " + st.UpdatedBy, CanClear: ed.changes(st.Scope)})
	}
	return web.Render(c, status, views.AdminMethods(p))
}

// places are the site, then the chains and cities the catalog knows.
func (h *Handler) places(ctx context.Context) ([]Place, error) {
	out := []Place{{Scope: "default", Name: i18n.T(ctx, "The whole site")}}
	if h.svc.opts.Places == nil {
		return out, nil
	}
	more, err := h.svc.opts.Places(ctx)
	if err != nil {
		return nil, fmt.Errorf("places for payment methods: %w", err)
	}
	return append(out, more...), nil
}
