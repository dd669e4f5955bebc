package account

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/sealer"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Sentinel errors.
var (
	// ErrNotFound: no such user.
	ErrNotFound = errors.New("we couldn't find that account")
	// ErrBadCredentials: the email or the password is wrong (never which).
	ErrBadCredentials = errors.New("that email and password don't match an account")
	// ErrEmailTaken: an account with that email exists.
	ErrEmailTaken = errors.New("an account with that email already exists")
)

// Field errors shared by sign-up, the profile and the admin pages; pages
// show them with i18n.T.
var (
	msgName       = i18n.Msg("Enter your name (up to 100 characters).")
	msgPhone      = i18n.Msg("Enter a phone number with country code, like +44 7700 900123.")
	msgChooseRole = i18n.Msg("Choose customer, staff or admin.")
)

// Role is what a user may do.
type Role string

// Roles, least to most privileged.
const (
	Customer Role = "customer"
	Staff    Role = "staff"
	Admin    Role = "admin"
)

// IsStaff reports whether the role may use the staff pages (staff or admin).
func (r Role) IsStaff() bool { return r == Staff || r == Admin }

// User is an account holder.
type User struct {
	ID                 int64
	Email              string
	Name               string
	Role               Role
	EmailVerified      bool
	HomeCity           string // a catalogue city slug, or ""
	PreferredLanguages []string
	PreferredGenres    []string
	// Lang is the language the user reads the site in, "" until chosen.
	Lang        string
	CreatedAt   time.Time
	phoneSealed string // see Service.Profile
}

// Options configure the Service.
type Options struct {
	// BaseURL starts the links in messages (https://tickets.example.com).
	BaseURL string
	// Mailer sends verification and reset links; required for sign-up and
	// password reset.
	Mailer Mailer
	// MaxConcurrentHashes bounds simultaneous argon2id computations
	// (default: the number of CPUs).
	MaxConcurrentHashes int
	// Sealer encrypts phone numbers at rest; required to store one.
	Sealer *sealer.Sealer
	// SigningKeys sign the JSON API's access tokens; required for the API.
	SigningKeys *SigningKeys
}

// Service manages accounts.
type Service struct {
	pool    *pgxpool.Pool
	q       *accountdb.Queries
	opts    Options
	hasher  *hasher
	holders []DataHolder
}

// NewService returns the account service on pool.
func NewService(pool *pgxpool.Pool, o Options) *Service {
	if o.MaxConcurrentHashes <= 0 {
		o.MaxConcurrentHashes = runtime.NumCPU()
	}
	return &Service{pool: pool, q: accountdb.New(), opts: o, hasher: newHasher(o.MaxConcurrentHashes)}
}

// NewUser is what creating an account needs.
type NewUser struct {
	Email    string
	Name     string
	Password string
	Phone    string // optional; sealed at rest
	Role     Role
	// Verified marks the email as already confirmed (demo and admin-made accounts).
	Verified bool
	// Lang is the language the site is read in: "" (not chosen) or one
	// Marquee speaks; sign-up passes the one the visitor was reading.
	Lang string
}

// CreateUser adds an account. Errors: ErrInvalid (validate.Errors), ErrEmailTaken.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (User, error) {
	var e validate.Errors
	email := validEmail(&e, "email", in.Email)
	e.Check(strings.TrimSpace(in.Name) != "" && len(in.Name) <= 100, "name", msgName)
	if msg := checkPassword(in.Password); msg != "" {
		e.Add("password", msg)
	}
	if in.Role == "" {
		in.Role = Customer
	}
	e.Check(in.Role == Customer || in.Role == Staff || in.Role == Admin, "role", msgChooseRole)
	phone, ok := normalisePhone(in.Phone)
	e.Check(ok, "phone", msgPhone)
	e.Check(validLang(in.Lang), "lang", msgChooseLang)
	if err := e.Err(); err != nil {
		return User{}, err
	}
	hash, err := s.hasher.hash(ctx, in.Password)
	if err != nil {
		return User{}, err
	}
	var verified *time.Time
	if in.Verified {
		now := time.Now()
		verified = &now
	}
	row, err := s.q.UserInsert(ctx, s.pool, accountdb.UserInsertParams{
		Email: email, Name: strings.TrimSpace(in.Name), PasswordHash: &hash, Role: string(in.Role), EmailVerifiedAt: verified,
		Lang: in.Lang,
	})
	if pg.IsUniqueViolation(err, "") {
		return User{}, fmt.Errorf("create user %s: %w", email, ErrEmailTaken)
	}
	if err != nil {
		return User{}, fmt.Errorf("create user %s: %w", email, err)
	}
	u := userFromRow(row)
	if phone != "" {
		if err := s.UpdateProfile(ctx, u.ID, Profile{Name: u.Name, Phone: phone, Lang: u.Lang}); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

// Authenticate checks an email and password. Unknown emails take as long as
// wrong passwords, so the answer does not reveal who has an account.
// Errors: ErrBadCredentials.
func (s *Service) Authenticate(ctx context.Context, email, password string) (User, error) {
	row, err := s.q.UserGetByEmail(ctx, s.pool, strings.TrimSpace(email))
	if errors.Is(err, pgx.ErrNoRows) {
		if err := s.hasher.burn(ctx, password); err != nil {
			return User{}, err
		}
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, fmt.Errorf("look up %s: %w", email, err)
	}
	if row.PasswordHash == nil {
		if err := s.hasher.burn(ctx, password); err != nil {
			return User{}, err
		}
		return User{}, ErrBadCredentials
	}
	ok, err := s.hasher.check(ctx, password, *row.PasswordHash)
	if err != nil {
		return User{}, err
	}
	if !ok {
		return User{}, ErrBadCredentials
	}
	return userFromRow(row), nil
}

// User returns an account. Errors: ErrNotFound.
func (s *Service) User(ctx context.Context, id int64) (User, error) {
	return s.user(ctx, s.pool, id)
}

func (s *Service) user(ctx context.Context, db accountdb.DBTX, id int64) (User, error) {
	row, err := s.q.UserGet(ctx, db, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("get user %d: %w", id, err)
	}
	return userFromRow(row), nil
}

// UserByEmail returns an account. Errors: ErrNotFound.
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	row, err := s.q.UserGetByEmail(ctx, s.pool, strings.TrimSpace(email))
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, fmt.Errorf("user %s: %w", email, ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("get user %s: %w", email, err)
	}
	return userFromRow(row), nil
}

// ErrLastAdmin: the change would leave no admin.
var ErrLastAdmin = errors.New("the site needs at least one admin")

// SetRole changes a user's role on behalf of actor (an admin) and writes the
// change to the audit log in the same transaction; the user is signed out
// everywhere so the new role starts with a fresh session. The last admin
// cannot be demoted. Errors: ErrNotFound, ErrInvalid, ErrLastAdmin.
func (s *Service) SetRole(ctx context.Context, actorID, id int64, role Role, ip string) error {
	if role != Customer && role != Staff && role != Admin {
		return validate.Errors{"role": msgChooseRole}
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.UserGet(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("user %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("get user %d: %w", id, err)
		}
		old := Role(row.Role)
		if old == role {
			return nil
		}
		if old == Admin {
			// Serialise demotions so two admins cannot demote each other at once.
			if _, err := tx.Exec(ctx, "LOCK TABLE account.users IN SHARE ROW EXCLUSIVE MODE"); err != nil {
				return fmt.Errorf("lock users: %w", err)
			}
			n, err := s.q.UserCountAdmins(ctx, tx)
			if err != nil {
				return fmt.Errorf("count admins: %w", err)
			}
			if n <= 1 {
				return ErrLastAdmin
			}
		}
		if err := s.q.UserSetRole(ctx, tx, accountdb.UserSetRoleParams{ID: id, Role: string(role)}); err != nil {
			return fmt.Errorf("set role of user %d: %w", id, err)
		}
		// New privileges start from a fresh sign-in: end the user's web
		// sessions and API refresh tokens.
		if err := s.q.UserSessionDeleteAllExcept(ctx, tx, accountdb.UserSessionDeleteAllExceptParams{UserID: id, Token: ""}); err != nil {
			return fmt.Errorf("end sessions of user %d: %w", id, err)
		}
		if err := s.q.RefreshRevokeUser(ctx, tx, id); err != nil {
			return fmt.Errorf("revoke tokens of user %d: %w", id, err)
		}
		return s.audit(ctx, tx, actorID, "role.change", id, fmt.Sprintf("%s -> %s", old, role), ip)
	})
}

// UserFilter narrows the admin user list.
type UserFilter struct {
	Query string // email or name contains
	Role  Role   // "" for all
}

// Users lists up to 100 users for the admin, staff first.
func (s *Service) Users(ctx context.Context, f UserFilter) ([]User, error) {
	var query, role *string
	if q := strings.TrimSpace(f.Query); q != "" {
		query = &q
	}
	if f.Role != "" {
		r := string(f.Role)
		role = &r
	}
	rows, err := s.q.UserListAdmin(ctx, s.pool, accountdb.UserListAdminParams{Query: query, Role: role})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = userFromRow(r)
	}
	return out, nil
}

func userFromRow(r accountdb.AccountUser) User {
	return User{ID: r.ID, Email: r.Email, Name: r.Name, Role: Role(r.Role),
		EmailVerified: r.EmailVerifiedAt != nil, HomeCity: r.HomeCity, PreferredLanguages: r.PreferredLanguages,
		PreferredGenres: r.PreferredGenres, Lang: r.Lang, CreatedAt: r.CreatedAt, phoneSealed: r.PhoneSealed}
}
