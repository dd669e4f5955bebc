package account

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Token lifetimes of the JSON API.
const (
	AccessTokenTTL  = 15 * time.Minute
	RefreshTokenTTL = 30 * 24 * time.Hour
)

// Errors of the API's token flow.
var (
	// ErrTokenInvalid: the access or refresh token is malformed, forged,
	// expired or revoked.
	ErrTokenInvalid = errors.New("the token is invalid or expired")
	// ErrRefreshReused: a refresh token was used twice; its whole family of
	// tokens is now revoked and the app must sign in again.
	ErrRefreshReused = errors.New("that refresh token was already used; sign in again")
)

// SigningKeys sign and verify API access tokens (HMAC-SHA256). The first
// key signs; every key verifies, so a rotated-out key keeps working until
// the tokens it signed expire. The key id travels in the JWT header.
type SigningKeys struct {
	current string
	keys    map[string][]byte
}

// ParseSigningKeys reads "id:base64secret,id2:base64secret2" (secrets of at
// least 32 bytes).
func ParseSigningKeys(spec string) (*SigningKeys, error) {
	k := &SigningKeys{keys: map[string][]byte{}}
	for i, part := range strings.Split(spec, ",") {
		id, enc, ok := strings.Cut(strings.TrimSpace(part), ":")
		secret, err := base64.StdEncoding.DecodeString(enc)
		if !ok || id == "" || err != nil || len(secret) < 32 {
			return nil, fmt.Errorf("signing key %d: want id:base64(at least 32 bytes)", i+1)
		}
		if i == 0 {
			k.current = id
		}
		k.keys[id] = secret
	}
	return k, nil
}

// TokenPair is what a successful sign-in or refresh returns.
type TokenPair struct {
	AccessToken  string    `json:"access_token"`
	TokenType    string    `json:"token_type"`
	ExpiresIn    int       `json:"expires_in"`
	RefreshToken string    `json:"refresh_token"`
	ExpiresAt    time.Time `json:"-"`
}

// IssueTokens signs the user in to the API: an access token and the first
// refresh token of a new family. Errors: ErrBadCredentials, ErrTooManyAttempts.
func (s *Service) IssueTokens(ctx context.Context, email, password, ip string) (TokenPair, error) {
	u, err := s.Login(ctx, email, password, ip)
	if err != nil {
		return TokenPair{}, err
	}
	var pair TokenPair
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		family, err := s.q.RefreshFamilyNext(ctx, tx)
		if err != nil {
			return fmt.Errorf("new token family: %w", err)
		}
		pair, err = s.newPair(ctx, tx, u, family)
		return err
	})
	return pair, err
}

// Refresh trades a refresh token for a new pair. A token presented a second
// time revokes its family. Errors: ErrTokenInvalid, ErrRefreshReused.
func (s *Service) Refresh(ctx context.Context, refresh string) (TokenPair, error) {
	var pair TokenPair
	var reused bool
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		reused = false
		t, err := s.q.RefreshGetForUpdate(ctx, tx, hashToken(refresh))
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrTokenInvalid
		}
		if err != nil {
			return fmt.Errorf("read refresh token: %w", err)
		}
		if t.RevokedAt != nil || t.ExpiresAt.Before(time.Now()) {
			return ErrTokenInvalid
		}
		if t.UsedAt != nil {
			// Revoke and commit; the caller still gets the error.
			reused = true
			return s.q.RefreshRevokeFamily(ctx, tx, t.Family)
		}
		if err := s.q.RefreshMarkUsed(ctx, tx, t.ID); err != nil {
			return fmt.Errorf("use refresh token: %w", err)
		}
		u, err := s.user(ctx, tx, t.UserID)
		if err != nil {
			return err
		}
		pair, err = s.newPair(ctx, tx, u, t.Family)
		return err
	})
	if reused {
		return TokenPair{}, ErrRefreshReused
	}
	return pair, err
}

// RevokeRefresh signs an app out: the token's family stops working. An
// unknown token is not an error (signing out twice is fine).
func (s *Service) RevokeRefresh(ctx context.Context, refresh string) error {
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		t, err := s.q.RefreshGetForUpdate(ctx, tx, hashToken(refresh))
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read refresh token: %w", err)
		}
		return s.q.RefreshRevokeFamily(ctx, tx, t.Family)
	})
}

func (s *Service) newPair(ctx context.Context, tx pgx.Tx, u User, family int64) (TokenPair, error) {
	if s.opts.SigningKeys == nil {
		return TokenPair{}, errors.New("issue tokens: no API signing keys configured")
	}
	now := time.Now()
	claims := accessClaims{Family: family, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   strconv.FormatInt(u.ID, 10),
		Issuer:    "marquee",
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenTTL)),
	}}
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = s.opts.SigningKeys.current
	access, err := tok.SignedString(s.opts.SigningKeys.keys[s.opts.SigningKeys.current])
	if err != nil {
		return TokenPair{}, fmt.Errorf("sign access token: %w", err)
	}
	refresh, hash, err := newToken()
	if err != nil {
		return TokenPair{}, err
	}
	if err := s.q.RefreshInsert(ctx, tx, accountdb.RefreshInsertParams{
		Family: family, UserID: u.ID, TokenHash: hash, ExpiresAt: now.Add(RefreshTokenTTL),
	}); err != nil {
		return TokenPair{}, fmt.Errorf("store refresh token: %w", err)
	}
	return TokenPair{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(AccessTokenTTL.Seconds()),
		RefreshToken: refresh, ExpiresAt: now.Add(AccessTokenTTL)}, nil
}

// accessClaims are an access token's claims: the user (sub) and the
// sign-in it came from (fam, its refresh-token family), so revoking the
// family ends the access token at once rather than when it expires.
type accessClaims struct {
	Family int64 `json:"fam"`
	jwt.RegisteredClaims
}

// APIUser is the user an access token speaks for: its signature, expiry
// and sign-in are checked, so a token stops working as soon as its app
// signs out, the user changes or resets the password, signs out everywhere
// else, or deletes the account. Errors: ErrTokenInvalid.
func (s *Service) APIUser(ctx context.Context, token string) (User, error) {
	claims, err := s.verifyAccess(token)
	if err != nil {
		return User{}, err
	}
	id, err := strconv.ParseInt(claims.Subject, 10, 64)
	if err != nil {
		return User{}, ErrTokenInvalid
	}
	row, err := s.q.UserGetByAccessFamily(ctx, s.pool, accountdb.UserGetByAccessFamilyParams{ID: id, Family: claims.Family})
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, fmt.Errorf("user %d, sign-in %d: %w", id, claims.Family, ErrTokenInvalid)
	}
	if err != nil {
		return User{}, fmt.Errorf("user of access token: %w", err)
	}
	return userFromRow(row), nil
}

// VerifyAccessToken checks an access token's signature (by its key id) and
// expiry and returns the user id; it does not ask whether the token was
// revoked (APIUser does). Errors: ErrTokenInvalid.
func (s *Service) VerifyAccessToken(token string) (int64, error) {
	claims, err := s.verifyAccess(token)
	if err != nil {
		return 0, err
	}
	id, err := strconv.ParseInt(claims.Subject, 10, 64)
	if err != nil {
		return 0, ErrTokenInvalid
	}
	return id, nil
}

func (s *Service) verifyAccess(token string) (accessClaims, error) {
	if s.opts.SigningKeys == nil {
		return accessClaims{}, ErrTokenInvalid
	}
	var claims accessClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		key, ok := s.opts.SigningKeys.keys[kid]
		if !ok {
			return nil, fmt.Errorf("unknown key id %q", kid)
		}
		return key, nil
	}, jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithIssuer("marquee"), jwt.WithExpirationRequired())
	if err != nil {
		return accessClaims{}, fmt.Errorf("%w: %v", ErrTokenInvalid, err)
	}
	return claims, nil
}
