package account

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// startSession signs u in on this browser: a fresh session token (against
// fixation), the user id, "remember me", and a row the user can see.
func (h *Handler) startSession(c echo.Context, u User, remember bool) error {
	ctx := c.Request().Context()
	if err := h.sessions.RenewToken(ctx); err != nil {
		return err
	}
	h.sessions.Put(ctx, sessionUserKey, u.ID)
	h.sessions.RememberMe(ctx, remember)
	if err := h.claimGuestBookings(ctx, u); err != nil {
		return err
	}
	return h.svc.RecordSession(ctx, h.sessions.Token(ctx), u.ID, c.Request().UserAgent(), c.RealIP())
}

// RequireUser sends visitors to sign in first (GET) or answers 401.
func (h *Handler) RequireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if webctx.From(c.Request().Context()).User == nil {
			if c.Request().Method == http.MethodGet {
				return c.Redirect(http.StatusSeeOther, web.SignInURL(c.Request().URL.RequestURI()))
			}
			return echo.NewHTTPError(http.StatusUnauthorized, i18n.T(c.Request().Context(), "Sign in first."))
		}
		return next(c)
	}
}

func (h *Handler) accountPage(c echo.Context) error {
	ctx := c.Request().Context()
	me := webctx.From(ctx).User
	u, err := h.svc.User(ctx, me.ID)
	if err != nil {
		return err
	}
	sessions, err := h.svc.Sessions(ctx, u.ID, h.sessions.Token(ctx))
	if err != nil {
		return err
	}
	p := views.AccountProps{Name: u.Name, Email: u.Email, Verified: u.EmailVerified}
	for _, s := range sessions {
		p.Sessions = append(p.Sessions, views.SessionRow{ID: s.ID, Current: s.Current, UserAgent: s.UserAgent, IP: s.IP, SignedIn: s.SignedIn})
	}
	return web.Render(c, http.StatusOK, views.Account(p))
}

func (h *Handler) endSession(c echo.Context) error {
	ctx := c.Request().Context()
	if err := h.svc.EndSession(ctx, webctx.From(ctx).User.ID, c.Param("id")); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(ctx, "That device is signed out."))
	return web.Redirect(c, "/account")
}

func (h *Handler) endOtherSessions(c echo.Context) error {
	ctx := c.Request().Context()
	if err := h.svc.EndOtherSessions(ctx, webctx.From(ctx).User.ID, h.sessions.Token(ctx)); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(ctx, "You're signed out everywhere else."))
	return web.Redirect(c, "/account")
}
