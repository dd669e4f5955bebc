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

func (h *Handler) signupForm(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.Signup(views.SignupProps{}))
}

// signup answers "check your inbox" whether or not the email already had an
// account (the owner of an existing one is emailed instead).
func (h *Handler) signup(c echo.Context) error {
	ctx := c.Request().Context()
	// The new account keeps the language the visitor was reading in.
	in := NewUser{Name: c.FormValue("name"), Email: c.FormValue("email"), Password: c.FormValue("password"),
		Phone: c.FormValue("phone"), Lang: i18n.Lang(ctx)}
	err := h.svc.SignUp(ctx, in)
	if fields, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusUnprocessableEntity, views.Signup(views.SignupProps{
			Name: in.Name, Email: in.Email, Phone: in.Phone, Errors: fields,
		}))
	}
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Notice(i18n.T(ctx, "Check your inbox"),
		i18n.T(ctx, "We sent a link to {{.Email}}. Open it to confirm your address and sign in. It works for 48 hours.", "Email", in.Email), "", ""))
}

// verify confirms the email and signs the user in.
func (h *Handler) verify(c echo.Context) error {
	ctx := c.Request().Context()
	u, err := h.svc.VerifyEmail(ctx, c.QueryParam("token"))
	if errors.Is(err, ErrBadToken) {
		return web.Render(c, http.StatusGone, views.Notice(i18n.T(ctx, "That link has expired"),
			i18n.T(ctx, "Links work once and only for a while. Sign in and we'll send you a fresh one."), i18n.T(ctx, "Sign in"), "/login"))
	}
	if err != nil {
		return err
	}
	if err := h.startSession(c, u, false); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(i18n.WithLang(ctx, u.Lang), "Your email is confirmed. Welcome to Marquee, {{.Name}}.", "Name", u.Name))
	return web.Redirect(c, "/")
}

func (h *Handler) resendVerification(c echo.Context) error {
	ctx := c.Request().Context()
	u := webctx.From(ctx).User
	if u == nil {
		return c.Redirect(http.StatusSeeOther, "/login?next=/account")
	}
	if err := h.svc.ResendVerification(ctx, u.ID); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashInfo, i18n.T(ctx, "We sent a new link to {{.Email}}.", "Email", u.Email))
	return web.Redirect(c, "/account")
}
