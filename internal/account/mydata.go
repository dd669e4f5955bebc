package account

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// DataHolder is a module that keeps personal data about users (bookings,
// notification preferences...). Modules register with the account service
// in main, so "download my data" and "delete my account" cover them all.
type DataHolder interface {
	// Name labels the holder's section of an export ("bookings").
	Name() string
	// ExportUser returns everything the module holds about the user, ready
	// for encoding as JSON.
	ExportUser(ctx context.Context, userID int64) (any, error)
	// EraseUser removes or anonymises the user's personal data inside tx
	// (records the business must keep, such as paid bookings, stay without
	// anything that identifies the person).
	EraseUser(ctx context.Context, tx pgx.Tx, userID int64) error
}

// AddDataHolder registers a module holding personal data.
func (s *Service) AddDataHolder(h DataHolder) { s.holders = append(s.holders, h) }

// Export is everything Marquee holds about a user.
type Export struct {
	ExportedAt time.Time      `json:"exported_at"`
	Account    ExportAccount  `json:"account"`
	Sessions   []ExportSess   `json:"sessions"`
	Security   []ExportEvent  `json:"security_events"`
	Modules    map[string]any `json:"modules"`
}

// ExportAccount is the account row without its secrets.
type ExportAccount struct {
	ID                 int64      `json:"id"`
	Email              string     `json:"email"`
	Name               string     `json:"name"`
	Role               Role       `json:"role"`
	Phone              string     `json:"phone"`
	HomeCity           string     `json:"home_city"`
	PreferredLanguages []string   `json:"preferred_languages"`
	PreferredGenres    []string   `json:"preferred_genres"`
	EmailVerified      bool       `json:"email_verified"`
	CreatedAt          time.Time  `json:"created_at"`
	VerifiedAt         *time.Time `json:"email_verified_at,omitempty"`
}

// ExportSess is a signed-in browser.
type ExportSess struct {
	UserAgent string    `json:"user_agent"`
	IP        string    `json:"ip"`
	SignedIn  time.Time `json:"signed_in"`
}

// ExportEvent is an audit entry about or by the user.
type ExportEvent struct {
	At     time.Time `json:"at"`
	Action string    `json:"action"`
	Detail string    `json:"detail"`
	IP     string    `json:"ip"`
}

// ExportData gathers the user's data from this module and every registered
// DataHolder. Errors: ErrNotFound.
func (s *Service) ExportData(ctx context.Context, userID int64) (Export, error) {
	row, err := s.q.UserGet(ctx, s.pool, userID)
	if err != nil {
		return Export{}, fmt.Errorf("export user %d: %w", userID, notFound(err))
	}
	p, err := s.Profile(ctx, userID)
	if err != nil {
		return Export{}, err
	}
	out := Export{ExportedAt: time.Now().UTC(), Modules: map[string]any{}, Account: ExportAccount{
		ID: row.ID, Email: row.Email, Name: row.Name, Role: Role(row.Role), Phone: p.Phone, HomeCity: row.HomeCity,
		PreferredLanguages: row.PreferredLanguages, PreferredGenres: row.PreferredGenres,
		EmailVerified: row.EmailVerifiedAt != nil, CreatedAt: row.CreatedAt, VerifiedAt: row.EmailVerifiedAt,
	}}
	sessions, err := s.q.UserSessionListAll(ctx, s.pool, userID)
	if err != nil {
		return Export{}, fmt.Errorf("export sessions: %w", err)
	}
	for _, ss := range sessions {
		out.Sessions = append(out.Sessions, ExportSess{UserAgent: ss.UserAgent, IP: ss.Ip, SignedIn: ss.CreatedAt})
	}
	events, err := s.q.AuditListForUser(ctx, s.pool, &userID)
	if err != nil {
		return Export{}, fmt.Errorf("export audit: %w", err)
	}
	for _, e := range events {
		out.Security = append(out.Security, ExportEvent{At: e.At, Action: e.Action, Detail: e.Detail, IP: e.Ip})
	}
	for _, h := range s.holders {
		v, err := h.ExportUser(ctx, userID)
		if err != nil {
			return Export{}, fmt.Errorf("export %s: %w", h.Name(), err)
		}
		out.Modules[h.Name()] = v
	}
	return out, nil
}

// DeleteAccount erases the user after checking their password: every
// registered module erases or anonymises its data, then the account row and
// with it sessions, tokens and links go, all in one transaction. The last
// admin cannot delete themselves. Errors: ErrBadCredentials, ErrLastAdmin.
func (s *Service) DeleteAccount(ctx context.Context, userID int64, password string) error {
	u, err := s.User(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := s.Authenticate(ctx, u.Email, password); err != nil {
		return err
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if u.Role == Admin {
			n, err := s.q.UserCountAdmins(ctx, tx)
			if err != nil {
				return fmt.Errorf("count admins: %w", err)
			}
			if n <= 1 {
				return ErrLastAdmin
			}
		}
		for _, h := range s.holders {
			if err := h.EraseUser(ctx, tx, userID); err != nil {
				return fmt.Errorf("erase %s data: %w", h.Name(), err)
			}
		}
		if err := s.q.UserSessionDeleteAllExcept(ctx, tx, accountdb.UserSessionDeleteAllExceptParams{UserID: userID, Token: ""}); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		if err := s.q.RefreshRevokeUser(ctx, tx, userID); err != nil {
			return fmt.Errorf("revoke tokens: %w", err)
		}
		if err := s.q.UserDelete(ctx, tx, userID); err != nil {
			return fmt.Errorf("delete user %d: %w", userID, err)
		}
		return nil
	})
}

func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
