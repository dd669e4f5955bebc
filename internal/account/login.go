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
)

// ErrTooManyAttempts: sign-in is locked for a while after repeated failures.
var ErrTooManyAttempts = errors.New("too many failed sign-ins")

// LockedError says how long sign-in stays locked. It matches
// ErrTooManyAttempts.
type LockedError struct{ RetryAfter time.Duration }

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s: try again in %s", ErrTooManyAttempts, e.RetryAfter.Round(time.Second))
}

// Is makes errors.Is(err, ErrTooManyAttempts) true.
func (e *LockedError) Is(target error) bool { return target == ErrTooManyAttempts }

// Minutes is the wait in whole minutes, at least 1, for messages.
func (e *LockedError) Minutes() int {
	return max(1, int((e.RetryAfter+time.Minute-time.Second)/time.Minute))
}

// loginLimit is how many failures a key may have inside Window before it is
// locked for Lock.
type loginLimit struct {
	prefix string
	max    int32
	window time.Duration
	lock   time.Duration
}

// loginLimits: an account locks after 5 failures in 15 minutes; an address
// after 30 (it may be a whole office behind one NAT).
func loginLimits() []loginLimit {
	return []loginLimit{
		{prefix: "email:", max: 5, window: 15 * time.Minute, lock: 15 * time.Minute},
		{prefix: "ip:", max: 30, window: 15 * time.Minute, lock: 15 * time.Minute},
	}
}

// Login checks the credentials with brute-force limits per account and per
// IP address, kept in PostgreSQL so every instance shares them. The answer
// is the same whether or not the email has an account. Admin sign-ins are
// audited. Errors: ErrBadCredentials, ErrTooManyAttempts (*LockedError).
func (s *Service) Login(ctx context.Context, email, password, ip string) (User, error) {
	keys := []string{"email:" + strings.ToLower(strings.TrimSpace(email)), "ip:" + ip}
	for _, k := range keys {
		f, err := s.q.LoginFailureGet(ctx, s.pool, k)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			return User{}, fmt.Errorf("read sign-in limits: %w", err)
		}
		if f.LockedUntil != nil && f.LockedUntil.After(time.Now()) {
			return User{}, &LockedError{RetryAfter: time.Until(*f.LockedUntil)}
		}
	}
	u, err := s.Authenticate(ctx, email, password)
	if errors.Is(err, ErrBadCredentials) {
		for i, l := range loginLimits() {
			if _, rerr := s.q.LoginFailureRecord(ctx, s.pool, accountdb.LoginFailureRecordParams{
				Key: keys[i], Win: interval(l.window), MaxFailures: l.max, LockFor: interval(l.lock),
			}); rerr != nil {
				return User{}, fmt.Errorf("record failed sign-in: %w", rerr)
			}
		}
		return User{}, err
	}
	if err != nil {
		return User{}, err
	}
	if err := s.q.LoginFailureClear(ctx, s.pool, keys[0]); err != nil {
		return User{}, fmt.Errorf("clear sign-in failures: %w", err)
	}
	if u.Role == Admin {
		if err := s.audit(ctx, s.pool, u.ID, "admin.login", u.ID, "", ip); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

func interval(d time.Duration) pgtype.Interval {
	return pgtype.Interval{Microseconds: d.Microseconds(), Valid: true}
}
