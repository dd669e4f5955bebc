package account

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Profile is what a user edits about themselves.
type Profile struct {
	Name               string
	Phone              string // E.164-ish: digits with an optional leading +
	HomeCity           string
	PreferredLanguages []string
	PreferredGenres    []string
	// Lang is the language the site is read in: "" (not chosen), or one
	// of i18n.Languages.
	Lang string
}

// Profile returns the user's profile with the phone number decrypted.
// Errors: ErrNotFound.
func (s *Service) Profile(ctx context.Context, userID int64) (Profile, error) {
	u, err := s.User(ctx, userID)
	if err != nil {
		return Profile{}, err
	}
	phone, err := s.openPhone(u)
	if err != nil {
		return Profile{}, err
	}
	return Profile{Name: u.Name, Phone: phone, HomeCity: u.HomeCity,
		PreferredLanguages: u.PreferredLanguages, PreferredGenres: u.PreferredGenres, Lang: u.Lang}, nil
}

// Phone returns the user's phone number in clear, "" when none (for the
// notifications module's SMS channel). Errors: ErrNotFound.
func (s *Service) Phone(ctx context.Context, userID int64) (string, error) {
	p, err := s.Profile(ctx, userID)
	return p.Phone, err
}

// UpdateProfile saves the profile, sealing the phone number. Every field is
// written, Lang too: start from Profile to change only some.
// Errors: ErrNotFound, ErrInvalid.
func (s *Service) UpdateProfile(ctx context.Context, userID int64, p Profile) error {
	var e validate.Errors
	p.Name = strings.TrimSpace(p.Name)
	e.Check(p.Name != "" && len(p.Name) <= 100, "name", msgName)
	phone, ok := normalisePhone(p.Phone)
	e.Check(ok, "phone", msgPhone)
	e.Check(len(p.PreferredLanguages) <= 10, "languages", i18n.Msg("Choose up to 10 languages."))
	e.Check(len(p.PreferredGenres) <= 10, "genres", i18n.Msg("Choose up to 10 genres."))
	e.Check(validLang(p.Lang), "lang", msgChooseLang)
	if err := e.Err(); err != nil {
		return err
	}
	sealed := ""
	if phone != "" {
		if s.opts.Sealer == nil {
			return errors.New("update profile: no data key configured to protect phone numbers")
		}
		var err error
		if sealed, err = s.opts.Sealer.Seal(phone, phoneContext(userID)); err != nil {
			return fmt.Errorf("seal phone: %w", err)
		}
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := s.q.UserGet(ctx, tx, userID); errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("user %d: %w", userID, ErrNotFound)
		} else if err != nil {
			return fmt.Errorf("get user %d: %w", userID, err)
		}
		return s.q.UserUpdateProfile(ctx, tx, accountdb.UserUpdateProfileParams{
			ID: userID, Name: p.Name, PhoneSealed: sealed, HomeCity: p.HomeCity,
			PreferredLanguages: nonEmpty(p.PreferredLanguages), PreferredGenres: nonEmpty(p.PreferredGenres),
			Lang: p.Lang,
		})
	})
}

func (s *Service) openPhone(u User) (string, error) {
	if u.phoneSealed == "" {
		return "", nil
	}
	if s.opts.Sealer == nil {
		return "", errors.New("open phone: no data key configured")
	}
	phone, err := s.opts.Sealer.Open(u.phoneSealed, phoneContext(u.ID))
	if err != nil {
		return "", fmt.Errorf("open phone of user %d: %w", u.ID, err)
	}
	return phone, nil
}

// phoneContext binds a sealed phone to its user row.
func phoneContext(userID int64) string { return "account.users.phone:" + strconv.FormatInt(userID, 10) }

// normalisePhone keeps a leading + and the digits; "" is allowed (no phone).
func normalisePhone(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", true
	}
	var b strings.Builder
	for i, r := range raw {
		switch {
		case unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.':
		default:
			return "", false
		}
	}
	out := b.String()
	digits := strings.TrimPrefix(out, "+")
	return out, strings.HasPrefix(out, "+") && len(digits) >= 7 && len(digits) <= 15
}

func nonEmpty(list []string) []string {
	out := []string{}
	for _, v := range list {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
