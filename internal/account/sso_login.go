package account

import (
	"errors"
	"net/http"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/labstack/echo/v4"
	"golang.org/x/oauth2"

	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// Session keys of a sign-in in progress.
const (
	ssoStateKey    = "sso_state"
	ssoNonceKey    = "sso_nonce"
	ssoVerifierKey = "sso_verifier"
	ssoNextKey     = "sso_next"
)

// AddSSO enables signing in with an OpenID Connect provider.
func (h *Handler) AddSSO(p SSOProvider) { h.sso = append(h.sso, &sso{SSOProvider: p}) }

func (h *Handler) provider(key string) *sso {
	for _, p := range h.sso {
		if p.Key == key {
			return p
		}
	}
	return nil
}

func (h *Handler) ssoButtons() []views.SSOButton {
	out := make([]views.SSOButton, len(h.sso))
	for i, p := range h.sso {
		out[i] = views.SSOButton{URL: "/login/" + p.Key, Label: p.Label}
	}
	return out
}

// ssoStart sends the browser to the provider with state, nonce and PKCE.
func (h *Handler) ssoStart(c echo.Context) error {
	p := h.provider(c.Param("provider"))
	if p == nil {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	if err := p.discover(ctx); err != nil {
		return err
	}
	state, _, err := newToken()
	if err != nil {
		return err
	}
	nonce, _, err := newToken()
	if err != nil {
		return err
	}
	verifier := oauth2.GenerateVerifier()
	h.sessions.Put(ctx, ssoStateKey, state)
	h.sessions.Put(ctx, ssoNonceKey, nonce)
	h.sessions.Put(ctx, ssoVerifierKey, verifier)
	h.sessions.Put(ctx, ssoNextKey, web.LocalPath(c.QueryParam("next")))
	url := p.oauth(h.callbackURL(p)).AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
	return c.Redirect(http.StatusSeeOther, url)
}

// ssoCallback finishes the sign-in: the state must match, the ID token must
// verify (signature, audience, expiry, nonce), and the email must be
// verified by the provider.
func (h *Handler) ssoCallback(c echo.Context) error {
	p := h.provider(c.Param("provider"))
	if p == nil {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	if err := p.discover(ctx); err != nil {
		return err
	}
	state := h.sessions.PopString(ctx, ssoStateKey)
	nonce := h.sessions.PopString(ctx, ssoNonceKey)
	verifier := h.sessions.PopString(ctx, ssoVerifierKey)
	next := h.sessions.PopString(ctx, ssoNextKey)
	if state == "" || c.QueryParam("state") != state {
		return echo.NewHTTPError(http.StatusBadRequest, "That sign-in attempt has expired. Please try again.")
	}
	if e := c.QueryParam("error"); e != "" {
		return echo.NewHTTPError(http.StatusUnauthorized, p.Label+" did not sign you in. Please try again.")
	}
	tok, err := p.oauth(h.callbackURL(p)).Exchange(ctx, c.QueryParam("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return echo.NewHTTPError(http.StatusUnauthorized, p.Label+" did not confirm the sign-in. Please try again.")
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil || idt.Nonce != nonce {
		return echo.NewHTTPError(http.StatusUnauthorized, p.Label+" sent an identity we could not verify.")
	}
	var claims struct {
		Email         string `json:"email"`
		EmailVerified bool   `json:"email_verified"`
		Name          string `json:"name"`
	}
	if err := idt.Claims(&claims); err != nil {
		return echo.NewHTTPError(http.StatusUnauthorized, p.Label+" sent an identity we could not read.")
	}
	u, err := h.svc.SignInSSO(ctx, SSOIdentity{Provider: p.Key, Subject: idt.Subject, Email: claims.Email,
		EmailVerified: claims.EmailVerified, Name: claims.Name})
	if errors.Is(err, ErrSSOUnverifiedEmail) {
		return echo.NewHTTPError(http.StatusForbidden, "Your "+p.Label+" email address is not verified. Verify it there, or sign in with a password.")
	}
	if err != nil {
		return err
	}
	if err := h.startSession(c, u, false); err != nil {
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, "Welcome, "+u.Name+".")
	if next == "" {
		next = "/"
	}
	return web.Redirect(c, next)
}

func (h *Handler) callbackURL(p *sso) string {
	return h.svc.opts.BaseURL + "/login/" + p.Key + "/callback"
}
