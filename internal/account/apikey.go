package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Scopes a staff API key may carry.
const (
	ScopeShowsWrite   = "shows:write"
	ScopeShowsRead    = "shows:read"
	ScopeBookingsRead = "bookings:read"
)

// APIKeyScopes lists every scope, in the order the admin page offers them.
func APIKeyScopes() []string { return []string{ScopeShowsWrite, ScopeShowsRead, ScopeBookingsRead} }

// apiKeyPrefix starts every key's secret, so a leaked one is recognisable
// (secret scanners, logs).
const apiKeyPrefix = "mk_"

// Errors of staff API keys.
var (
	// ErrAPIKeyInvalid: no X-API-Key, or one that is unknown or revoked.
	ErrAPIKeyInvalid = errors.New("send a valid staff API key in the X-API-Key header")
	// ErrAPIKeyScope: the key lacks the scope the request needs.
	ErrAPIKeyScope = errors.New("this API key does not have the scope this request needs")
)

// APIKey is a staff API key as admins see it; its secret is never kept.
type APIKey struct {
	ID     int64
	Name   string
	Prefix string // the secret's first characters, to tell keys apart
	Scopes []string
	// TheaterIDs are the catalogue theaters the key may touch; empty
	// means every theater.
	TheaterIDs []int64
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// NewAPIKey is what an admin asks for.
type NewAPIKey struct {
	Name       string
	Scopes     []string
	TheaterIDs []int64
}

// HasScope reports whether the key carries scope.
func (k APIKey) HasScope(scope string) bool { return slices.Contains(k.Scopes, scope) }

func apiKeyFromRow(r accountdb.AccountApiKey) APIKey {
	return APIKey{ID: r.ID, Name: r.Name, Prefix: r.Prefix, Scopes: r.Scopes, TheaterIDs: r.TheaterIds,
		CreatedAt: r.CreatedAt, LastUsedAt: r.LastUsedAt, RevokedAt: r.RevokedAt}
}

// CreateAPIKey makes a key and returns it with its secret ("mk_" and 32
// random bytes in base64url), which is shown once: only its SHA-256 hash is
// stored. The creation is audited. Errors: ErrInvalid (validate.Errors on
// name, scopes, theaters).
func (s *Service) CreateAPIKey(ctx context.Context, actorID int64, k NewAPIKey, ip string) (APIKey, string, error) {
	k.Name = strings.TrimSpace(k.Name)
	var errs validate.Errors
	errs.Check(k.Name != "", "name", i18n.T(ctx, "Name the key after the system that will use it."))
	errs.Check(utf8.RuneCountInString(k.Name) <= 100, "name", i18n.T(ctx, "Use at most 100 characters."))
	errs.Check(len(k.Scopes) > 0, "scopes", i18n.T(ctx, "Choose at least one scope."))
	for _, sc := range k.Scopes {
		errs.Check(slices.Contains(APIKeyScopes(), sc), "scopes", i18n.T(ctx, "Choose scopes from the list."))
	}
	for _, id := range k.TheaterIDs {
		errs.Check(id > 0, "theaters", i18n.T(ctx, "Theater ids are whole numbers above zero."))
	}
	if err := errs.Err(); err != nil {
		return APIKey{}, "", err
	}
	scopes := make([]string, 0, len(k.Scopes))
	for _, sc := range APIKeyScopes() { // one order, no repeats
		if slices.Contains(k.Scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	theaters := slices.Clone(k.TheaterIDs)
	slices.Sort(theaters)
	theaters = slices.Compact(theaters)
	if theaters == nil {
		theaters = []int64{}
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return APIKey{}, "", fmt.Errorf("random API key: %w", err)
	}
	secret := apiKeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	var key APIKey
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.APIKeyInsert(ctx, tx, accountdb.APIKeyInsertParams{Name: k.Name, KeyHash: hashToken(secret),
			Prefix: secret[:len(apiKeyPrefix)+6], Scopes: scopes, TheaterIds: theaters, CreatedBy: nullID(actorID)})
		if err != nil {
			return fmt.Errorf("store API key: %w", err)
		}
		key = apiKeyFromRow(row)
		return s.audit(ctx, tx, actorID, "apikey.create", 0, apiKeyDetail(key), ip)
	})
	if err != nil {
		return APIKey{}, "", err
	}
	return key, secret, nil
}

// apiKeyDetail describes a key for the audit log.
func apiKeyDetail(k APIKey) string {
	theaters := "every theater"
	if len(k.TheaterIDs) > 0 {
		ids := make([]string, len(k.TheaterIDs))
		for i, id := range k.TheaterIDs {
			ids[i] = strconv.FormatInt(id, 10)
		}
		theaters = "theaters " + strings.Join(ids, ", ")
	}
	return fmt.Sprintf("key %d %q (%s; %s)", k.ID, k.Name, strings.Join(k.Scopes, " "), theaters)
}

// APIKeys lists every key, live ones first, newest first.
func (s *Service) APIKeys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.q.APIKeyList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list API keys: %w", err)
	}
	out := make([]APIKey, len(rows))
	for i, r := range rows {
		out[i] = apiKeyFromRow(r)
	}
	return out, nil
}

// RevokeAPIKey stops a key working at once; the revocation is audited.
// Errors: ErrNotFound (no such live key).
func (s *Service) RevokeAPIKey(ctx context.Context, actorID, id int64, ip string) error {
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.APIKeyRevoke(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("API key %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("revoke API key %d: %w", id, err)
		}
		return s.audit(ctx, tx, actorID, "apikey.revoke", 0, apiKeyDetail(apiKeyFromRow(row)), ip)
	})
}

// APIKeyBySecret is the live key whose secret this is. It records the use,
// at most once a minute per key, so a busy integration costs one write a
// minute. Errors: ErrAPIKeyInvalid.
func (s *Service) APIKeyBySecret(ctx context.Context, secret string) (APIKey, error) {
	if !strings.HasPrefix(secret, apiKeyPrefix) {
		return APIKey{}, ErrAPIKeyInvalid
	}
	row, err := s.q.APIKeyGetByHash(ctx, s.pool, hashToken(secret))
	if errors.Is(err, pgx.ErrNoRows) {
		return APIKey{}, ErrAPIKeyInvalid
	}
	if err != nil {
		return APIKey{}, fmt.Errorf("look up API key: %w", err)
	}
	if row.LastUsedAt == nil || time.Since(*row.LastUsedAt) >= time.Minute {
		if err := s.q.APIKeyTouch(ctx, s.pool, row.ID); err != nil {
			return APIKey{}, fmt.Errorf("record use of API key %d: %w", row.ID, err)
		}
	}
	return apiKeyFromRow(row), nil
}
