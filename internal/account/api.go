package account

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// RequireAPIUser checks the Bearer access token and puts its user in the
// request exactly as CurrentUser does for a signed-in web user (see
// web.UserID). A token whose account no longer exists, or whose sign-in was
// revoked, is refused like a forged one. Errors: ErrTokenInvalid (401).
func (h *Handler) RequireAPIUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token, ok := bearerToken(c.Request().Header.Get(echo.HeaderAuthorization))
		if !ok {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="marquee"`)
			return ErrTokenInvalid
		}
		ctx := c.Request().Context()
		u, err := h.svc.APIUser(ctx, token)
		if errors.Is(err, ErrTokenInvalid) {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="marquee", error="invalid_token"`)
		}
		if err != nil {
			return err
		}
		// The API has no staff routes: cinema roles are not loaded.
		webctx.From(ctx).User = viewUser(u, authz.Scope{Platform: u.Role.IsStaff()})
		return next(c)
	}
}

// bearerToken reads "Bearer <token>"; the scheme is case-insensitive
// (RFC 7235, 2.1).
func bearerToken(authorization string) (string, bool) {
	scheme, token, ok := strings.Cut(authorization, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

func (h *Handler) apiToken(c echo.Context) error {
	var in credentials
	if err := c.Bind(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send JSON with email and password.")
	}
	pair, err := h.svc.IssueTokens(c.Request().Context(), in.Email, in.Password, c.RealIP())
	var locked *LockedError
	if errors.As(err, &locked) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(locked.Seconds()))
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, pair)
}

func (h *Handler) apiRefresh(c echo.Context) error {
	var in refreshRequest
	if err := c.Bind(&in); err != nil || in.RefreshToken == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "Send JSON with refresh_token.")
	}
	pair, err := h.svc.Refresh(c.Request().Context(), in.RefreshToken)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, pair)
}

func (h *Handler) apiLogout(c echo.Context) error {
	var in refreshRequest
	if err := c.Bind(&in); err != nil || in.RefreshToken == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "Send JSON with refresh_token.")
	}
	if err := h.svc.RevokeRefresh(c.Request().Context(), in.RefreshToken); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// meJSON is the API's view of the signed-in user.
type meJSON struct {
	ID                 int64    `json:"id"`
	Email              string   `json:"email"`
	Name               string   `json:"name"`
	Role               Role     `json:"role"`
	EmailVerified      bool     `json:"email_verified"`
	Phone              string   `json:"phone"`
	HomeCity           string   `json:"home_city"`
	PreferredLanguages []string `json:"preferred_languages"`
	PreferredGenres    []string `json:"preferred_genres"`
	// Lang is the language the site and messages are in, "" until chosen.
	Lang string `json:"lang"`
}

func (h *Handler) me(ctx context.Context, id int64) (meJSON, error) {
	u, err := h.svc.User(ctx, id)
	if err != nil {
		return meJSON{}, err
	}
	p, err := h.svc.Profile(ctx, id)
	if err != nil {
		return meJSON{}, err
	}
	return meJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, EmailVerified: u.EmailVerified,
		Phone: p.Phone, HomeCity: p.HomeCity, PreferredLanguages: p.PreferredLanguages, PreferredGenres: p.PreferredGenres,
		Lang: p.Lang}, nil
}

func (h *Handler) apiMe(c echo.Context) error {
	m, err := h.me(c.Request().Context(), web.UserID(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, m)
}

// mePatch holds the fields PATCH /me may change; absent fields keep their value.
type mePatch struct {
	Name               *string   `json:"name"`
	Phone              *string   `json:"phone"`
	HomeCity           *string   `json:"home_city"`
	PreferredLanguages *[]string `json:"preferred_languages"`
	PreferredGenres    *[]string `json:"preferred_genres"`
	Lang               *string   `json:"lang"`
}

func (h *Handler) apiUpdateMe(c echo.Context) error {
	ctx := c.Request().Context()
	var in mePatch
	// JSON only, as documented: echo's Bind would also take a form.
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send a JSON object with the fields to change.")
	}
	id := web.UserID(c)
	p, err := h.svc.Profile(ctx, id)
	if err != nil {
		return err
	}
	if in.Name != nil {
		p.Name = *in.Name
	}
	if in.Phone != nil {
		p.Phone = *in.Phone
	}
	if in.HomeCity != nil {
		p.HomeCity = *in.HomeCity
	}
	if in.PreferredLanguages != nil {
		p.PreferredLanguages = *in.PreferredLanguages
	}
	if in.PreferredGenres != nil {
		p.PreferredGenres = *in.PreferredGenres
	}
	if in.Lang != nil {
		p.Lang = *in.Lang
	}
	if err := h.svc.UpdateProfile(ctx, id, p); err != nil {
		return apiProfileFields(err)
	}
	return h.apiMe(c)
}

// apiProfileFields names UpdateProfile's field errors as the JSON fields
// of PATCH /me (the web form's "languages" is preferred_languages here).
func apiProfileFields(err error) error {
	fields, ok := validate.Fields(err)
	if !ok {
		return err
	}
	names := map[string]string{"languages": "preferred_languages", "genres": "preferred_genres"}
	out := validate.Errors{}
	for k, msg := range fields {
		if n, ok := names[k]; ok {
			k = n
		}
		out.Add(k, msg)
	}
	return out.Err()
}
