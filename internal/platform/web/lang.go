package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// LangSaver keeps a signed-in account's chosen language (the account
// module's Service).
type LangSaver interface {
	SetLang(ctx context.Context, userID int64, lang string) error
}

// LanguageRoutes serves POST /lang, the language switcher every page has:
// it remembers the choice in a cookie (a year), saves it to the account of
// a signed-in user, and goes back to the page it came from.
func LanguageRoutes(e *echo.Echo, saver LangSaver, secure bool) {
	e.POST("/lang", func(c echo.Context) error {
		lang := c.FormValue("lang")
		if !i18n.Supported(lang) {
			return echo.NewHTTPError(http.StatusBadRequest, i18n.T(c.Request().Context(), "Choose a language from the list."))
		}
		c.SetCookie(&http.Cookie{Name: i18n.CookieName, Value: lang, Path: "/",
			MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
		ctx := c.Request().Context()
		r := webctx.From(ctx)
		r.Lang = lang
		if u := r.User; u != nil {
			if err := saver.SetLang(ctx, u.ID, lang); err != nil {
				return fmt.Errorf("save the account's language: %w", err)
			}
			u.Lang = lang
		}
		next := LocalPath(c.FormValue("next"))
		if next == "" {
			next = "/"
		}
		return Redirect(c, next)
	})
}
