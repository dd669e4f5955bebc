package account

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

func (h *Handler) forgotForm(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.Forgot("", ""))
}

// forgot answers the same whether or not the email has an account.
func (h *Handler) forgot(c echo.Context) error {
	ctx := c.Request().Context()
	email := c.FormValue("email")
	err := h.svc.RequestPasswordReset(ctx, email)
	if fields, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusUnprocessableEntity, views.Forgot(email, fields["email"]))
	}
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Notice(i18n.T(ctx, "Check your inbox"),
		i18n.T(ctx, "If {{.Email}} has a Marquee account, a link to choose a new password is on its way. It works for one hour.", "Email", email), "", ""))
}

func (h *Handler) resetForm(c echo.Context) error {
	token := c.QueryParam("token")
	if err := h.svc.CheckResetToken(c.Request().Context(), token); errors.Is(err, ErrBadToken) {
		return expiredReset(c)
	} else if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Reset(token, ""))
}

// reset sets the new password, ends every other session and signs in here.
func (h *Handler) reset(c echo.Context) error {
	token := c.FormValue("token")
	u, err := h.svc.ResetPassword(c.Request().Context(), token, c.FormValue("password"))
	if fields, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusUnprocessableEntity, views.Reset(token, fields["password"]))
	}
	if errors.Is(err, ErrBadToken) {
		return expiredReset(c)
	}
	if err != nil {
		return err
	}
	if err := h.startSession(c, u, false); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Your new password is set. You're signed in."))
	return web.Redirect(c, "/")
}

func expiredReset(c echo.Context) error {
	ctx := c.Request().Context()
	return web.Render(c, http.StatusGone, views.Notice(i18n.T(ctx, "That link has expired"),
		i18n.T(ctx, "Reset links work once and for one hour. Ask for a new one."), i18n.T(ctx, "Send a new link"), "/password/forgot"))
}
