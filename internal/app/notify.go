package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/recommend"
)

// newNotify builds notify with the channels the configuration asks for:
// SMTP when SMTP_URL is set (the Outbox otherwise), Twilio when
// TWILIO_ACCOUNT_SID is set, web push when the VAPID keys are.
func (a *App) newNotify(users *accountPorts) (*notify.Service, error) {
	cfg, log := a.deps.Config, a.deps.Log
	quietFrom, quietTo, err := config.ParseQuietHours(cfg.QuietHours)
	if err != nil {
		return nil, fmt.Errorf("QUIET_HOURS: %w", err)
	}
	o := notify.Options{BaseURL: cfg.BaseURL, Keys: a.keys.notify, ReminderBefore: cfg.ReminderBefore,
		QuietFrom: quietFrom, QuietTo: quietTo, Log: log, Now: a.deps.Now, Interests: a.Recommend,
		Picks: notifyPicks{a.Recommend}}
	if cfg.SMTPURL != "" {
		if o.Email, err = notify.NewSMTP(cfg.SMTPURL, cfg.MailFrom); err != nil {
			return nil, fmt.Errorf("SMTP_URL: %w", err)
		}
	} else {
		o.Email = notify.Outbox{Log: log}
	}
	if cfg.TwilioAccountSID != "" {
		o.SMS = notify.NewTwilio(cfg.TwilioBaseURL, cfg.TwilioAccountSID, cfg.TwilioAuthToken, cfg.TwilioFrom)
	} else if !cfg.Production() {
		o.SMS = notify.Outbox{Log: log}
	}
	if cfg.VAPIDPublicKey != "" {
		o.Push, o.VAPIDPublicKey = notify.NewWebPush(cfg.VAPIDPublicKey, cfg.VAPIDPrivateKey, cfg.VAPIDSubject), cfg.VAPIDPublicKey
	}
	return notify.NewService(a.deps.Pool, users, notifyMovies{a.Catalog}, a.jobs, o), nil
}

// notifyMovies reads movie facts from the catalogue.
type notifyMovies struct{ c *catalog.Service }

func (m notifyMovies) Movie(ctx context.Context, id int64) (notify.Movie, error) {
	mv, err := m.c.Movie(ctx, id)
	if err != nil {
		return notify.Movie{}, notifyNotFound(err)
	}
	out := notifyMovie(mv)
	cities, err := m.c.Cities(ctx)
	if err != nil {
		return notify.Movie{}, err
	}
	for _, city := range cities {
		_, withShows, err := m.c.MovieShowDays(ctx, id, city)
		if err != nil {
			return notify.Movie{}, err
		}
		if len(withShows) > 0 {
			out.Cities = append(out.Cities, city.Slug)
		}
	}
	return out, nil
}

func (m notifyMovies) MovieBySlug(ctx context.Context, slug string) (notify.Movie, error) {
	mv, err := m.c.MovieBySlug(ctx, slug)
	if err != nil {
		return notify.Movie{}, notifyNotFound(err)
	}
	return notifyMovie(mv), nil
}

func (m notifyMovies) SegmentChoices(ctx context.Context) ([]notify.Choice, []string, []notify.Choice, error) {
	cities, err := m.c.Cities(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	genres, err := m.c.Genres(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	var cityChoices, movieChoices []notify.Choice
	for _, c := range cities {
		cityChoices = append(cityChoices, notify.Choice{Value: c.Slug, Label: c.Name})
	}
	for _, st := range []catalog.MovieStatus{catalog.NowShowing, catalog.ComingSoon} {
		movies, _, err := m.c.Movies(ctx, catalog.MovieFilter{Status: st, Page: 1})
		if err != nil {
			return nil, nil, nil, err
		}
		for _, mv := range movies {
			movieChoices = append(movieChoices, notify.Choice{Value: strconv.FormatInt(mv.ID, 10), Label: mv.Title})
		}
	}
	return cityChoices, genres, movieChoices, nil
}

func notifyMovie(m catalog.Movie) notify.Movie {
	return notify.Movie{ID: m.ID, Slug: m.Slug, Title: m.Title, Tagline: m.Tagline, Status: string(m.Status),
		Genres: m.Genres, Languages: m.Languages()}
}

func notifyNotFound(err error) error {
	if errors.Is(err, catalog.ErrNotFound) {
		return fmt.Errorf("%w: %w", notify.ErrNotFound, err)
	}
	return err
}

// notifyCatalog hears catalogue changes for alerts.
type notifyCatalog struct{ n *notify.Service }

func (l notifyCatalog) CatalogChanged(ctx context.Context, tx pgx.Tx, c catalog.Change) error {
	return l.n.CatalogChanged(ctx, tx, notify.CatalogChange{Kind: string(c.Kind), MovieID: c.MovieID, Created: c.Created,
		OldStatus: string(c.OldStatus), NewStatus: string(c.NewStatus)})
}

// notifyMailer sends account's emails.
type notifyMailer struct{ n *notify.Service }

func (m notifyMailer) Send(ctx context.Context, tx pgx.Tx, msg account.Message) error {
	return m.n.SendAccount(ctx, tx, notify.AccountMessage{Kind: notify.Kind(msg.Kind), To: msg.To, Name: msg.Name, Link: msg.Link})
}

// notifyPicks offers recommend's picks to notify's new-release emails.
type notifyPicks struct{ r *recommend.Service }

// PicksFor returns up to n movies for the user in the city, with reasons.
func (p notifyPicks) PicksFor(ctx context.Context, userID int64, city string, n int) ([]notify.Pick, error) {
	picks, err := p.r.ForUser(ctx, userID, city, n)
	if err != nil {
		return nil, err
	}
	out := make([]notify.Pick, len(picks))
	for i, pk := range picks {
		out[i] = notify.Pick{Title: pk.Movie.Title, Slug: pk.Movie.Slug, Reason: pk.Reason}
	}
	return out, nil
}

// ShowsFor returns up to n shows of movieID for the user in the city
// ("Showtimes for you"), each at its theater's local time.
func (p notifyPicks) ShowsFor(ctx context.Context, userID int64, city string, movieID int64, n int) ([]notify.ShowPick, error) {
	shows, err := p.r.ShowsForUser(ctx, userID, city, movieID, n)
	if err != nil {
		return nil, err
	}
	out := make([]notify.ShowPick, len(shows))
	for i, sh := range shows {
		out[i] = notify.ShowPick{StartsAt: sh.Show.StartsAt.In(sh.Theater.Location()), Theater: sh.Theater.Name, Reason: sh.Reason}
	}
	return out, nil
}
