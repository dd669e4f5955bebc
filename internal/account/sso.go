package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/jackc/pgx/v5"
	"golang.org/x/oauth2"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// ErrSSOUnverifiedEmail: the identity provider has not verified the email,
// so it cannot be trusted to link or create an account.
var ErrSSOUnverifiedEmail = errors.New("your sign-in provider has not verified that email address")

// SSOProvider is an OpenID Connect issuer users can sign in with.
type SSOProvider struct {
	// Key names the provider in URLs (/login/google) and identities.
	Key string
	// Label is shown on the button ("Google").
	Label        string
	Issuer       string
	ClientID     string
	ClientSecret string
}

// sso is a provider with its discovery done (lazily, on first use, so an
// unreachable issuer does not stop the site from starting).
type sso struct {
	SSOProvider
	once     sync.Once
	err      error
	verifier *oidc.IDTokenVerifier
	endpoint oauth2.Endpoint
}

func (p *sso) discover(ctx context.Context) error {
	p.once.Do(func() {
		prov, err := oidc.NewProvider(ctx, p.Issuer)
		if err != nil {
			p.err = fmt.Errorf("discover %s: %w", p.Issuer, err)
			return
		}
		p.verifier = prov.Verifier(&oidc.Config{ClientID: p.ClientID})
		p.endpoint = prov.Endpoint()
	})
	return p.err
}

func (p *sso) oauth(redirect string) *oauth2.Config {
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Endpoint: p.endpoint,
		RedirectURL: redirect, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

// SSOIdentity is what a provider vouches for.
type SSOIdentity struct {
	Provider      string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// SignInSSO returns the account for an identity: the one already linked;
// else the account with the same email, now linked (the provider verified
// the email); else a new customer account. Errors: ErrSSOUnverifiedEmail.
func (s *Service) SignInSSO(ctx context.Context, id SSOIdentity) (User, error) {
	if !id.EmailVerified || id.Email == "" {
		return User{}, ErrSSOUnverifiedEmail
	}
	var out User
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		link, err := s.q.IdentityGet(ctx, tx, accountdb.IdentityGetParams{Provider: id.Provider, Subject: id.Subject})
		if err == nil {
			row, err := s.q.UserGet(ctx, tx, link.UserID)
			out = userFromRow(row)
			return err
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("look up identity: %w", err)
		}
		row, err := s.q.UserGetByEmail(ctx, tx, id.Email)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			name := strings.TrimSpace(id.Name)
			if name == "" {
				name, _, _ = strings.Cut(id.Email, "@")
			}
			if row, err = s.q.UserInsertSSO(ctx, tx, accountdb.UserInsertSSOParams{Email: id.Email, Name: name}); err != nil {
				return fmt.Errorf("create account for %s: %w", id.Email, err)
			}
		case err != nil:
			return fmt.Errorf("look up %s: %w", id.Email, err)
		default:
			// The provider verified the address: the mailbox owner is the
			// account owner, so the account's email counts as verified too.
			if err := s.q.UserMarkVerified(ctx, tx, row.ID); err != nil {
				return err
			}
		}
		if err := s.q.IdentityInsert(ctx, tx, accountdb.IdentityInsertParams{
			Provider: id.Provider, Subject: id.Subject, UserID: row.ID, Email: id.Email,
		}); err != nil {
			return fmt.Errorf("link identity: %w", err)
		}
		out = userFromRow(row)
		return nil
	})
	if err != nil {
		return User{}, fmt.Errorf("single sign-on with %s: %w", id.Provider, err)
	}
	return out, nil
}
