package account

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// adminAPIKeys is GET /admin/api-keys: every key and the form for a new one.
func (h *Handler) adminAPIKeys(c echo.Context) error {
	p, err := h.apiKeysProps(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.APIKeys(p))
}

// adminAPIKeyCreate is POST /admin/api-keys: it makes a key and shows its
// secret on the page this once (never in a redirect or the session). An
// invalid form comes back with its errors (422).
func (h *Handler) adminAPIKeyCreate(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(c.Request().Context(), "We couldn't read that form. Reload the page and try again."))
	}
	f := views.APIKeyForm{Name: form.Get("name"), Scopes: form["scopes"], Theaters: form.Get("theaters")}
	theaters, ok := parseTheaterIDs(f.Theaters)
	var created APIKey
	var secret string
	if ok {
		actor := webctx.From(c.Request().Context()).User
		created, secret, err = h.svc.CreateAPIKey(c.Request().Context(), actor.ID,
			NewAPIKey{Name: f.Name, Scopes: f.Scopes, TheaterIDs: theaters}, c.RealIP())
	} else {
		err = validate.Errors{"theaters": i18n.T(c.Request().Context(), "Type theater ids (whole numbers) separated by commas, or leave it blank.")}
	}
	fields, invalid := validate.Fields(err)
	if err != nil && !invalid {
		return err
	}
	p, perr := h.apiKeysProps(c)
	if perr != nil {
		return perr
	}
	if invalid {
		f.Errors = fields
		p.Form = f
		return web.Render(c, http.StatusUnprocessableEntity, views.APIKeys(p))
	}
	p.NewName, p.NewSecret = created.Name, secret
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusCreated, views.APIKeys(p))
}

// adminAPIKeyRevoke is POST /admin/api-keys/:id/revoke.
func (h *Handler) adminAPIKeyRevoke(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	actor := webctx.From(c.Request().Context()).User
	err = h.svc.RevokeAPIKey(c.Request().Context(), actor.ID, id, c.RealIP())
	if errors.Is(err, ErrNotFound) {
		return echo.NewHTTPError(http.StatusNotFound, i18n.T(c.Request().Context(), "That key doesn't exist or was already revoked."))
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Key revoked: it stops working at once."))
	return web.Redirect(c, "/admin/api-keys")
}

func (h *Handler) apiKeysProps(c echo.Context) (views.APIKeysProps, error) {
	keys, err := h.svc.APIKeys(c.Request().Context())
	if err != nil {
		return views.APIKeysProps{}, err
	}
	p := views.APIKeysProps{Scopes: APIKeyScopes()}
	for _, k := range keys {
		theaters := i18n.Msg("every theater")
		if len(k.TheaterIDs) > 0 {
			ids := make([]string, len(k.TheaterIDs))
			for i, id := range k.TheaterIDs {
				ids[i] = strconv.FormatInt(id, 10)
			}
			theaters = strings.Join(ids, ", ")
		}
		p.Keys = append(p.Keys, views.APIKeyRow{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Scopes: k.Scopes,
			Theaters: theaters, Created: k.CreatedAt, LastUsed: k.LastUsedAt, Revoked: k.RevokedAt})
	}
	return p, nil
}

// parseTheaterIDs reads "3, 7" (blank: none); ok is false when a part is
// not a whole number.
func parseTheaterIDs(s string) ([]int64, bool) {
	var ids []int64
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}
