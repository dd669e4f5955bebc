package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// ErrTooManyAttempts: sign-in from this address is slowed down after
// repeated failures.
var ErrTooManyAttempts = errors.New("too many failed sign-ins")

// LockedError says how long to wait before the next try. It matches
// ErrTooManyAttempts.
type LockedError struct{ RetryAfter time.Duration }

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s: try again in %s", ErrTooManyAttempts, e.RetryAfter.Round(time.Second))
}

// Is makes errors.Is(err, ErrTooManyAttempts) true.
func (e *LockedError) Is(target error) bool { return target == ErrTooManyAttempts }

// Seconds is the wait in whole seconds, at least 1, for Retry-After.
func (e *LockedError) Seconds() int {
	return max(1, int((e.RetryAfter+time.Second-1)/time.Second))
}

// Wait is the wait in words ("20 seconds", "3 minutes") in ctx's language,
// for messages.
func (e *LockedError) Wait(ctx context.Context) string {
	if s := e.Seconds(); s < 60 {
		return i18n.N(ctx, "{{.Count}} seconds", s)
	}
	m := int((e.RetryAfter + time.Minute - time.Second) / time.Minute)
	return i18n.N(ctx, "{{.Count}} minutes", m)
}

// loginThrottle is how a key slows down: free failures inside window, then
// a wait of base doubled with every further failure, at most maxLock.
type loginThrottle struct {
	free          int32
	base, maxLock time.Duration
	window        time.Duration
}

// Sign-in throttles, after OWASP's authentication guidance. An
// account-and-address pair gets 3 free failures an hour, then waits of 5 s,
// 10 s, 20 s ... up to 15 minutes: brute force on one account stays at
// about a dozen guesses an hour per address, and a stranger elsewhere never
// slows the owner down. An address gets 30 free failures an hour across
// accounts (an office or campus shares one), then the same growing waits:
// accounts that already failed from it wait without their password being
// tried and every wrong password answers 429, but a correct password on an
// account with no failures from there always signs in.
var (
	pairThrottle    = loginThrottle{free: 3, base: 5 * time.Second, maxLock: 15 * time.Minute, window: time.Hour}
	addressThrottle = loginThrottle{free: 30, base: 5 * time.Second, maxLock: 15 * time.Minute, window: time.Hour}
)

// Login checks the credentials, throttled per account-and-address pair and
// per address (see pairThrottle), with the counts in PostgreSQL so every
// instance shares them. The answer is the same whether or not the email has
// an account. A throttled user can still reset the password by email. Admin
// sign-ins are audited. Errors: ErrBadCredentials, ErrTooManyAttempts
// (*LockedError).
func (s *Service) Login(ctx context.Context, email, password, ip string) (User, error) {
	pairKey := "pair:" + strings.ToLower(strings.TrimSpace(email)) + "|" + ip
	addrKey := "ip:" + ip
	pair, err := s.loginFailures(ctx, pairKey, pairThrottle)
	if err != nil {
		return User{}, err
	}
	if wait := lockedFor(pair); wait > 0 {
		return User{}, &LockedError{RetryAfter: wait}
	}
	addr, err := s.loginFailures(ctx, addrKey, addressThrottle)
	if err != nil {
		return User{}, err
	}
	addrWait := lockedFor(addr)
	if addrWait > 0 && pair.Failures > 0 {
		return User{}, &LockedError{RetryAfter: addrWait}
	}
	u, err := s.Authenticate(ctx, email, password)
	if errors.Is(err, ErrBadCredentials) {
		if rerr := s.recordLoginFailure(ctx, pairKey, pairThrottle); rerr != nil {
			return User{}, rerr
		}
		if rerr := s.recordLoginFailure(ctx, addrKey, addressThrottle); rerr != nil {
			return User{}, rerr
		}
		if addrWait > 0 {
			// The same answer whether or not the account exists.
			return User{}, &LockedError{RetryAfter: addrWait}
		}
		return User{}, err
	}
	if err != nil {
		return User{}, err
	}
	if err := s.q.LoginFailureClear(ctx, s.pool, pairKey); err != nil {
		return User{}, fmt.Errorf("clear sign-in failures: %w", err)
	}
	if u.Role == Admin {
		if err := s.audit(ctx, s.pool, u.ID, "admin.login", u.ID, "", ip); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

// loginFailures reads key's failures inside the throttle's window (none
// when the window has passed).
func (s *Service) loginFailures(ctx context.Context, key string, t loginThrottle) (accountdb.AccountLoginFailure, error) {
	f, err := s.q.LoginFailureGet(ctx, s.pool, key)
	if errors.Is(err, pgx.ErrNoRows) {
		return accountdb.AccountLoginFailure{}, nil
	}
	if err != nil {
		return accountdb.AccountLoginFailure{}, fmt.Errorf("read sign-in failures: %w", err)
	}
	if f.WindowStart.Before(time.Now().Add(-t.window)) && lockedFor(f) == 0 {
		return accountdb.AccountLoginFailure{}, nil
	}
	return f, nil
}

func (s *Service) recordLoginFailure(ctx context.Context, key string, t loginThrottle) error {
	_, err := s.q.LoginFailureRecord(ctx, s.pool, accountdb.LoginFailureRecordParams{
		Key: key, Free: t.free, Base: interval(t.base), Win: interval(t.window), MaxLock: interval(t.maxLock),
	})
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	return nil
}

// lockedFor is how long f's key must still wait, 0 if it need not.
func lockedFor(f accountdb.AccountLoginFailure) time.Duration {
	if f.LockedUntil == nil {
		return 0
	}
	return max(0, time.Until(*f.LockedUntil))
}

func interval(d time.Duration) pgtype.Interval {
	return pgtype.Interval{Microseconds: d.Microseconds(), Valid: true}
}
