package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Preferences are a user's choices: channels per category and quiet hours
// for marketing messages.
type Preferences struct {
	Channels map[Category]Channels
	// QuietOn holds marketing messages between QuietFrom and QuietTo
	// (minutes after midnight in TimeZone) until the quiet hours end.
	QuietOn   bool
	QuietFrom int
	QuietTo   int
	TimeZone  string
}

// Preferences returns the user's choices, defaults where they made none.
func (s *Service) Preferences(ctx context.Context, userID int64) (Preferences, error) {
	p := Preferences{Channels: map[Category]Channels{}, QuietOn: true, QuietFrom: s.opts.QuietFrom,
		QuietTo: s.opts.QuietTo, TimeZone: "UTC"}
	for _, c := range Categories() {
		p.Channels[c] = c.defaults()
	}
	rows, err := s.q.PreferenceList(ctx, s.pool, userID)
	if err != nil {
		return Preferences{}, fmt.Errorf("preferences of user %d: %w", userID, err)
	}
	for _, r := range rows {
		p.Channels[Category(r.Category)] = Channels{Email: r.Email, SMS: r.Sms, Push: r.Push}
	}
	st, err := s.q.SettingsGet(ctx, s.pool, userID)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return Preferences{}, fmt.Errorf("quiet hours of user %d: %w", userID, err)
	default:
		p.QuietOn, p.QuietFrom, p.QuietTo, p.TimeZone = st.QuietOn, int(st.QuietFrom), int(st.QuietTo), st.TimeZone
	}
	return p, nil
}

// SavePreferences stores the user's choices. Transactional email stays on
// whatever the form says. Errors: ErrInvalid (an unknown time zone, a time
// out of range).
func (s *Service) SavePreferences(ctx context.Context, userID int64, p Preferences) error {
	var e validate.Errors
	_, zerr := time.LoadLocation(p.TimeZone)
	e.Check(p.TimeZone != "" && zerr == nil, "time_zone", i18n.Msg("Choose a time zone, like Europe/London."))
	e.Check(p.QuietFrom >= 0 && p.QuietFrom < 24*60, "quiet_from", "Enter a time like 21:00.")
	e.Check(p.QuietTo >= 0 && p.QuietTo < 24*60, "quiet_to", "Enter a time like 08:00.")
	if err := e.Err(); err != nil {
		return err
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		for _, c := range Categories() {
			ch := p.Channels[c]
			if c == Transactional {
				ch.Email = true
			}
			if err := s.q.PreferenceUpsert(ctx, tx, notifydb.PreferenceUpsertParams{UserID: userID, Category: string(c),
				Email: ch.Email, Sms: ch.SMS, Push: ch.Push}); err != nil {
				return fmt.Errorf("save %s preferences: %w", c, err)
			}
		}
		if err := s.q.SettingsUpsert(ctx, tx, notifydb.SettingsUpsertParams{UserID: userID, QuietOn: p.QuietOn,
			QuietFrom: int16(p.QuietFrom), QuietTo: int16(p.QuietTo), TimeZone: p.TimeZone}); err != nil {
			return fmt.Errorf("save quiet hours: %w", err)
		}
		return nil
	})
}

// Unsubscribe switches off every channel of the category a signed link
// names and returns the category. Errors: ErrBadUnsubscribe.
func (s *Service) Unsubscribe(ctx context.Context, token string) (Category, error) {
	userID, c, err := s.opts.Keys.VerifyUnsubscribe(token)
	if err != nil {
		return "", err
	}
	if err := s.q.PreferenceUpsert(ctx, s.pool, notifydb.PreferenceUpsertParams{UserID: userID, Category: string(c)}); err != nil {
		return "", fmt.Errorf("unsubscribe user %d from %s: %w", userID, c, err)
	}
	return c, nil
}

// UnsubscribeURL is the signed one-click link for a marketing category.
func (s *Service) UnsubscribeURL(userID int64, c Category) string {
	return s.opts.BaseURL + "/unsubscribe?t=" + s.opts.Keys.UnsubscribeToken(userID, c)
}

// quietUntil returns when the user's quiet hours end if now falls inside
// them (zero time otherwise).
func quietUntil(p Preferences, now time.Time) time.Time {
	if !p.QuietOn || p.QuietFrom == p.QuietTo {
		return time.Time{}
	}
	local := now.In(location(p.TimeZone))
	minute := local.Hour()*60 + local.Minute()
	inside := false
	if p.QuietFrom < p.QuietTo {
		inside = minute >= p.QuietFrom && minute < p.QuietTo
	} else { // over midnight, e.g. 21:00-08:00
		inside = minute >= p.QuietFrom || minute < p.QuietTo
	}
	if !inside {
		return time.Time{}
	}
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, local.Location())
	end := midnight.Add(time.Duration(p.QuietTo) * time.Minute)
	if !end.After(local) {
		end = end.AddDate(0, 0, 1)
	}
	return end
}
