package account

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// sessionUserKey holds the signed-in user's id in the web session.
const sessionUserKey = "user_id"

// Handler serves sign-in and provides the middleware that knows who is
// signed in.
type Handler struct {
	svc      *Service
	sessions *scs.SessionManager
	choices  ProfileChoices
	sso      []*sso
	// places lists the chains and theaters the staff page grants roles at.
	places Places
	// idempotent honours Idempotency-Key on the API's unsafe requests
	// (internal/platform/idempotency); it runs after RequireAPIUser.
	idempotent echo.MiddlewareFunc
	// claims gives a verified account its guest bookings on sign-in
	// (nil: none).
	claims GuestClaims
}

// NewHandler returns the account pages and middleware. choices may be nil
// (the profile form then offers no cities, languages or genres).
// idempotent, run after the bearer token check in Auth().API, honours the
// Idempotency-Key header per user (nil: not honoured). places names the
// chains and theaters on the staff page (nil: it offers none). claims
// gives a verified account its guest bookings when it signs in or confirms
// a new email (nil: nothing is claimed).
func NewHandler(svc *Service, sessions *scs.SessionManager, choices ProfileChoices, idempotent echo.MiddlewareFunc, places Places,
	claims GuestClaims) *Handler {
	return &Handler{svc: svc, sessions: sessions, choices: choices, idempotent: idempotent, places: places, claims: claims}
}

// Routes registers every account URL: signing in and up, the account
// pages, the admin-only user and audit pages, and the API's tokens and /me.
func (h *Handler) Routes(e *echo.Echo) {
	e.GET("/login", h.loginForm)
	e.POST("/login", h.login)
	e.GET("/login/:provider", h.ssoStart)
	e.GET("/login/:provider/callback", h.ssoCallback)
	e.POST("/logout", h.logout)
	e.GET("/signup", h.signupForm)
	e.POST("/signup", h.signup)
	e.GET("/verify", h.verify)
	e.GET("/password/forgot", h.forgotForm)
	e.POST("/password/forgot", h.forgot)
	e.GET("/password/reset", h.resetForm)
	e.POST("/password/reset", h.reset)
	e.GET("/account", h.accountPage, h.RequireUser)
	e.GET("/account/profile", h.profilePage, h.RequireUser)
	e.POST("/account/profile", h.saveProfile, h.RequireUser)
	e.POST("/account/password", h.changePassword, h.RequireUser)
	e.POST("/account/email", h.changeEmail, h.RequireUser)
	e.GET("/account/email/confirm", h.confirmEmail)
	e.GET("/account/data", h.downloadData, h.RequireUser)
	e.GET("/account/delete", h.deleteForm, h.RequireUser)
	e.POST("/account/delete", h.deleteAccount, h.RequireUser)
	e.POST("/account/verify/resend", h.resendVerification, h.RequireUser)
	e.POST("/account/sessions/:id/end", h.endSession, h.RequireUser)
	e.POST("/account/sessions/end-others", h.endOtherSessions, h.RequireUser)

	// Cinema staff who manage somewhere grant roles there (staff_page.go).
	e.GET("/admin/staff", h.staffPage, h.RequireStaff, h.requireManager)
	e.POST("/admin/staff", h.staffGrant, h.RequireStaff, h.requireManager)
	e.POST("/admin/staff/:id/revoke", h.staffRevoke, h.RequireStaff, h.requireManager)

	admin := e.Group("/admin", h.RequireStaff, h.RequireAdmin)
	admin.GET("/users", h.adminUsers)
	admin.POST("/users/:id/role", h.adminSetRole)
	admin.GET("/audit", h.adminAudit)
	admin.GET("/api-keys", h.adminAPIKeys)
	admin.POST("/api-keys", h.adminAPIKeyCreate)
	admin.POST("/api-keys/:id/revoke", h.adminAPIKeyRevoke)

	v1 := e.Group("/api/v1")
	v1.POST("/auth/token", h.apiToken)
	v1.POST("/auth/refresh", h.apiRefresh)
	v1.POST("/auth/logout", h.apiLogout)
	v1.GET("/me", h.apiMe, h.RequireAPIUser)
	v1.PATCH("/me", h.apiUpdateMe, h.RequireAPIUser)
	v1.DELETE("/me", h.apiDeleteMe, h.RequireAPIUser)
	v1.GET("/me/data", h.apiMyData, h.RequireAPIUser)
}

func (h *Handler) loginForm(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.Login(views.LoginProps{Next: web.LocalPath(c.QueryParam("next")), SSO: h.ssoButtons()}))
}

func (h *Handler) login(c echo.Context) error {
	ctx := c.Request().Context()
	email, next := c.FormValue("email"), web.LocalPath(c.FormValue("next"))
	u, err := h.svc.Login(ctx, email, c.FormValue("password"), c.RealIP())
	var locked *LockedError
	switch {
	case errors.As(err, &locked):
		c.Response().Header().Set("Retry-After", strconv.Itoa(locked.Seconds()))
		return web.Render(c, http.StatusTooManyRequests, views.Login(views.LoginProps{
			Email: email, Next: next, SSO: h.ssoButtons(),
			Error: i18n.T(ctx, "Too many failed sign-ins from here. Try again in {{.Wait}}, or reset your password by email.",
				"Wait", locked.Wait(ctx)),
		}))
	case errors.Is(err, ErrBadCredentials):
		return web.Render(c, http.StatusUnauthorized, views.Login(views.LoginProps{
			Email: email, Next: next, SSO: h.ssoButtons(), Error: i18n.T(ctx, "That email and password don't match an account."),
		}))
	}
	if err != nil {
		return err
	}
	if err := h.startSession(c, u, c.FormValue("remember") == "1"); err != nil {
		return err
	}
	// The account's language, if it has one, is the page's from now on.
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(i18n.WithLang(ctx, u.Lang), "Welcome back, {{.Name}}.", "Name", u.Name))
	if next == "" {
		if next, err = h.staffHome(ctx, u.ID); err != nil {
			return err
		}
	}
	return web.Redirect(c, next)
}

func (h *Handler) logout(c echo.Context) error {
	ctx := c.Request().Context()
	if err := h.sessions.Destroy(ctx); err != nil {
		return err
	}
	return web.Redirect(c, "/")
}

// CurrentUser loads the signed-in user into the request's view data. It runs
// after the session middleware.
func (h *Handler) CurrentUser() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx := c.Request().Context()
			if !web.UsesSession(c.Request().URL.Path) {
				return next(c)
			}
			id := h.sessions.GetInt64(ctx, sessionUserKey)
			if id == 0 {
				return next(c)
			}
			u, scope, err := h.svc.SignedIn(ctx, id)
			if errors.Is(err, ErrNotFound) {
				h.sessions.Remove(ctx, sessionUserKey)
				return next(c)
			}
			if err != nil {
				return err
			}
			webctx.From(ctx).User = viewUser(u, scope)
			return next(c)
		}
	}
}

// viewUser is u as views and other modules see the caller, with where
// they may do what.
func viewUser(u User, scope authz.Scope) *webctx.User {
	return &webctx.User{ID: u.ID, Name: u.Name, Email: u.Email, Staff: scope.IsStaff(), Admin: u.Role == Admin,
		Lang: u.Lang, Scope: scope}
}

// Auth is the one value every module's handler guards its routes with.
func (h *Handler) Auth() web.Auth {
	return web.Auth{Sessions: h.sessions, User: h.RequireUser, Staff: h.RequireStaff, Platform: h.RequirePlatform, Admin: h.RequireAdmin,
		API: h.requireAPIUserIdempotent, Key: h.RequireAPIKey}
}

// requireAPIUserIdempotent is RequireAPIUser, then the Idempotency-Key
// check scoped to the user it found.
func (h *Handler) requireAPIUserIdempotent(next echo.HandlerFunc) echo.HandlerFunc {
	if h.idempotent == nil {
		return h.RequireAPIUser(next)
	}
	return h.RequireAPIUser(h.idempotent(next))
}

// RequireStaff lets anyone who works somewhere through (Marquee's staff
// and admins, cinema staff with a role); visitors are sent to sign in,
// customers get 403.
func (h *Handler) RequireStaff(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := webctx.From(c.Request().Context()).User
		if u == nil {
			if c.Request().Method == http.MethodGet && !web.IsHTMX(c) {
				return c.Redirect(http.StatusSeeOther, web.SignInURL(c.Request().URL.RequestURI()))
			}
			return echo.NewHTTPError(http.StatusUnauthorized, i18n.T(c.Request().Context(), "Sign in with a staff account to do that."))
		}
		if !u.Staff {
			return echo.NewHTTPError(http.StatusForbidden, i18n.T(c.Request().Context(), "That page is for cinema staff."))
		}
		return next(c)
	}
}
