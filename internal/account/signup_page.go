package account

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

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
	in := NewUser{Name: c.FormValue("name"), Email: c.FormValue("email"), Password: c.FormValue("password"), Phone: c.FormValue("phone")}
	err := h.svc.SignUp(c.Request().Context(), in)
	if fields, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusUnprocessableEntity, views.Signup(views.SignupProps{
			Name: in.Name, Email: in.Email, Phone: in.Phone, Errors: fields,
		}))
	}
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Notice("Check your inbox",
		"We sent a link to "+in.Email+". Open it to confirm your address and sign in. It works for 48 hours.", "", ""))
}

// verify confirms the email and signs the user in.
func (h *Handler) verify(c echo.Context) error {
	u, err := h.svc.VerifyEmail(c.Request().Context(), c.QueryParam("token"))
	if errors.Is(err, ErrBadToken) {
		return web.Render(c, http.StatusGone, views.Notice("That link has expired",
			"Links work once and only for a while. Sign in and we'll send you a fresh one.", "Sign in", "/login"))
	}
	if err != nil {
		return err
	}
	if err := h.startSession(c, u, false); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, "Your email is confirmed. Welcome to Marquee, "+u.Name+".")
	return web.Redirect(c, "/")
}

func (h *Handler) resendVerification(c echo.Context) error {
	u := webctx.From(c.Request().Context()).User
	if u == nil {
		return c.Redirect(http.StatusSeeOther, "/login?next=/account")
	}
	if err := h.svc.ResendVerification(c.Request().Context(), u.ID); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashInfo, "We sent a new link to "+u.Email+".")
	return web.Redirect(c, "/account")
}
