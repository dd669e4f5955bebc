package account

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// RequirePlatform lets only Marquee's own staff and admins through
// (RequireStaff must run first): cinema staff get 403.
func (h *Handler) RequirePlatform(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := webctx.From(c.Request().Context()).User; u == nil || !u.Scope.Platform {
			return echo.NewHTTPError(http.StatusForbidden, i18n.T(c.Request().Context(), "That page is for Marquee's own staff."))
		}
		return next(c)
	}
}

// RequireAdmin lets only admins through (RequireStaff must run first).
func (h *Handler) RequireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := webctx.From(c.Request().Context()).User; u == nil || !u.Admin {
			return echo.NewHTTPError(http.StatusForbidden, "Only admins can manage accounts.")
		}
		return next(c)
	}
}

func (h *Handler) adminUsers(c echo.Context) error {
	role := Role(c.QueryParam("role"))
	if role != Customer && role != Staff && role != Admin {
		role = ""
	}
	users, err := h.svc.Users(c.Request().Context(), UserFilter{Query: c.QueryParam("q"), Role: role})
	if err != nil {
		return err
	}
	p := views.UsersProps{Query: c.QueryParam("q"), Role: string(role), Roles: []string{"customer", "staff", "admin"}}
	for _, u := range users {
		p.Users = append(p.Users, views.UserRow{ID: u.ID, Name: u.Name, Email: u.Email, Role: string(u.Role),
			Verified: u.EmailVerified, Joined: u.CreatedAt})
	}
	return web.Render(c, http.StatusOK, views.Users(p))
}

func (h *Handler) adminSetRole(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	actor := webctx.From(c.Request().Context()).User
	err = h.svc.SetRole(c.Request().Context(), actor.ID, id, Role(c.FormValue("role")), c.RealIP())
	switch {
	case errors.Is(err, ErrLastAdmin):
		return echo.NewHTTPError(http.StatusConflict, "That would leave the site without an admin. Make someone else admin first.")
	case err != nil:
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, "Role saved.")
	return web.Redirect(c, "/admin/users")
}

func (h *Handler) adminAudit(c echo.Context) error {
	page, _ := strconv.Atoi(c.QueryParam("page"))
	page = max(page, 1)
	entries, err := h.svc.AuditLog(c.Request().Context(), page)
	if err != nil {
		return err
	}
	rows := make([]views.AuditRow, len(entries))
	for i, e := range entries {
		rows[i] = views.AuditRow{At: e.At, Actor: e.ActorEmail, Action: e.Action, Subject: e.SubjectEmail, Detail: e.Detail, IP: e.IP}
	}
	return web.Render(c, http.StatusOK, views.Audit(rows, page))
}
