package account

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// ProfileChoices supplies the options of the profile form (cities,
// languages, genres) from the catalogue, wired in main.
type ProfileChoices func(ctx context.Context) (cities []views.Choice, languages, genres []string, err error)

func (h *Handler) profileProps(ctx context.Context, userID int64) (views.ProfileProps, error) {
	p, err := h.svc.Profile(ctx, userID)
	if err != nil {
		return views.ProfileProps{}, err
	}
	u, err := h.svc.User(ctx, userID)
	if err != nil {
		return views.ProfileProps{}, err
	}
	props := views.ProfileProps{Name: p.Name, Phone: p.Phone, HomeCity: p.HomeCity, Languages: p.PreferredLanguages,
		Genres: p.PreferredGenres, Email: u.Email, Lang: p.Lang, SiteLangs: siteLanguages()}
	if h.choices != nil {
		if props.Cities, props.AllLangs, props.AllGenres, err = h.choices(ctx); err != nil {
			return views.ProfileProps{}, err
		}
	}
	return props, nil
}

func (h *Handler) profilePage(c echo.Context) error {
	ctx := c.Request().Context()
	props, err := h.profileProps(ctx, webctx.From(ctx).User.ID)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.ProfilePage(props))
}

func (h *Handler) saveProfile(c echo.Context) error {
	ctx := c.Request().Context()
	me := webctx.From(ctx).User.ID
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "That form could not be read."))
	}
	p := Profile{Name: form.Get("name"), Phone: form.Get("phone"), HomeCity: form.Get("home_city"),
		PreferredLanguages: form["languages"], PreferredGenres: form["genres"], Lang: form.Get("lang")}
	err = h.svc.UpdateProfile(ctx, me, p)
	if fields, ok := validate.Fields(err); ok {
		props, perr := h.profileProps(ctx, me)
		if perr != nil {
			return perr
		}
		props.Name, props.Phone, props.HomeCity, props.Languages, props.Genres, props.Lang, props.Errors =
			p.Name, p.Phone, p.HomeCity, p.PreferredLanguages, p.PreferredGenres, p.Lang, fields
		return web.Render(c, http.StatusUnprocessableEntity, views.ProfilePage(props))
	}
	if err != nil {
		return err
	}
	// Said in the language just chosen: the next page is in it.
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(i18n.WithLang(ctx, p.Lang), "Profile saved."))
	return web.Redirect(c, "/account/profile")
}

func (h *Handler) changePassword(c echo.Context) error {
	ctx := c.Request().Context()
	me := webctx.From(ctx).User.ID
	err := h.svc.ChangePassword(ctx, me, c.FormValue("current_password"), c.FormValue("new_password"), h.sessions.Token(ctx))
	if fields, ok := validate.Fields(err); ok {
		props, perr := h.profileProps(ctx, me)
		if perr != nil {
			return perr
		}
		props.PasswordError = first(fields["current_password"], fields["new_password"])
		return web.Render(c, http.StatusUnprocessableEntity, views.ProfilePage(props))
	}
	if err != nil {
		return err
	}
	// A new token for the changed privileges of this session, too.
	if err := h.sessions.RenewToken(ctx); err != nil {
		return err
	}
	if err := h.svc.RecordSession(ctx, h.sessions.Token(ctx), me, c.Request().UserAgent(), c.RealIP()); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(ctx, "Password changed. Other devices are signed out."))
	return web.Redirect(c, "/account/profile")
}

func (h *Handler) changeEmail(c echo.Context) error {
	ctx := c.Request().Context()
	me := webctx.From(ctx).User.ID
	err := h.svc.RequestEmailChange(ctx, me, c.FormValue("new_email"), c.FormValue("email_password"))
	if fields, ok := validate.Fields(err); ok {
		props, perr := h.profileProps(ctx, me)
		if perr != nil {
			return perr
		}
		props.EmailError = first(fields["new_email"], fields["email_password"])
		return web.Render(c, http.StatusUnprocessableEntity, views.ProfilePage(props))
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashInfo, i18n.T(ctx, "Check the new inbox: the change happens when you open our link."))
	return web.Redirect(c, "/account/profile")
}

func (h *Handler) confirmEmail(c echo.Context) error {
	ctx := c.Request().Context()
	u, err := h.svc.ConfirmEmailChange(ctx, c.QueryParam("token"))
	switch {
	case errors.Is(err, ErrBadToken):
		return web.Render(c, http.StatusGone, views.Notice(i18n.T(ctx, "That link has expired"),
			i18n.T(ctx, "Links work once and only for a while. Ask for a new one from your profile."), i18n.T(ctx, "Your profile"), "/account/profile"))
	case errors.Is(err, ErrEmailTaken):
		return web.Render(c, http.StatusConflict, views.Notice(i18n.T(ctx, "That address is taken"),
			i18n.T(ctx, "Another account uses that email now."), i18n.T(ctx, "Your profile"), "/account/profile"))
	case err != nil:
		return err
	}
	if err := h.claimGuestBookings(ctx, u); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(ctx, "Your email address is changed."))
	return web.Redirect(c, "/account/profile")
}

// siteLanguages are the profile's language choices, each named in itself.
func siteLanguages() []views.Choice {
	out := make([]views.Choice, len(i18n.Languages))
	for i, l := range i18n.Languages {
		out[i] = views.Choice{Value: l.Code, Label: l.Name}
	}
	return out
}

func first(msgs ...string) string {
	for _, m := range msgs {
		if m != "" {
			return m
		}
	}
	return ""
}
