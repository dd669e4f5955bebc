package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/recommend"
)

// notifyWiring is the notifications module and the adapters that let
// account, booking and the catalogue talk to it without importing it.
type notifyWiring struct {
	svc      *notify.Service
	contacts notifyContacts
}

// newNotify builds notify with the channels the configuration asks for:
// SMTP when SMTP_URL is set (the Outbox otherwise), Twilio when
// TWILIO_ACCOUNT_SID is set, web push when the VAPID keys are. It reads
// contacts from s.account lazily (account is built after notify, because
// account sends its mail through it), and listens to the catalogue.
func newNotify(d serverDeps, s *services) (*notifyWiring, error) {
	cfg := d.cfg
	keySpec, err := keysOrDevelopment(cfg, cfg.NotifyKeys, "notify-keys")
	if err != nil {
		return nil, err
	}
	keys, err := notify.ParseKeys(keySpec)
	if err != nil {
		return nil, fmt.Errorf("NOTIFY_KEYS: %w", err)
	}
	quietFrom, quietTo, err := config.ParseQuietHours(cfg.QuietHours)
	if err != nil {
		return nil, fmt.Errorf("QUIET_HOURS: %w", err)
	}
	o := notify.Options{BaseURL: cfg.BaseURL, Keys: keys, ReminderBefore: cfg.ReminderBefore,
		QuietFrom: quietFrom, QuietTo: quietTo, Log: d.log, Interests: s.recommend, Picks: notifyPicks{s.recommend}}
	if cfg.SMTPURL != "" {
		if o.Email, err = notify.NewSMTP(cfg.SMTPURL, cfg.MailFrom); err != nil {
			return nil, fmt.Errorf("SMTP_URL: %w", err)
		}
	} else {
		o.Email = notify.Outbox{Log: d.log}
	}
	if cfg.TwilioAccountSID != "" {
		o.SMS = notify.NewTwilio(cfg.TwilioBaseURL, cfg.TwilioAccountSID, cfg.TwilioAuthToken, cfg.TwilioFrom)
	} else if !cfg.Production() {
		o.SMS = notify.Outbox{Log: d.log}
	}
	if cfg.VAPIDPublicKey != "" {
		o.Push, o.VAPIDPublicKey = notify.NewWebPush(cfg.VAPIDPublicKey, cfg.VAPIDPrivateKey, cfg.VAPIDSubject), cfg.VAPIDPublicKey
	}
	w := &notifyWiring{contacts: notifyContacts{s}}
	w.svc = notify.NewService(d.db.pool, w.contacts, notifyMovies{s.catalog}, d.jobs, o)
	s.catalog.AddListener(notifyCatalog{w.svc})
	return w, nil
}

// mailer sends account's messages through notify.
func (w *notifyWiring) mailer() account.Mailer { return notifyMailer{w.svc} }

// routes registers /account/notifications, /movies/:slug/follow,
// /unsubscribe, /sw.js, /admin/outbox and /admin/announcements.
func (w *notifyWiring) routes(e *echo.Echo, accounts *account.Handler, sessions *scs.SessionManager) {
	notify.NewHandler(w.svc, notify.HandlerOptions{
		Sessions: sessions, RequireUser: accounts.RequireUser, RequireStaff: accounts.RequireStaff,
		RequireAdmin: accounts.RequireAdmin, UserID: webUserID,
		HasPhone: func(c echo.Context, userID int64) (bool, error) {
			cs, err := w.contacts.Contacts(c.Request().Context(), []int64{userID})
			return len(cs) == 1 && cs[0].Phone != "", err
		},
	}).Routes(e)
}

// genVAPID is `server gen-vapid`: print a new web push key pair.
func genVAPID(stdout io.Writer) error {
	public, private, err := notify.GenerateVAPIDKeys()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "VAPID_PUBLIC_KEY=%s\nVAPID_PRIVATE_KEY=%s\n", public, private)
	return nil
}

// notifyContacts reads users' contacts from account.
type notifyContacts struct{ s *services }

func (c notifyContacts) Contacts(ctx context.Context, ids []int64) ([]notify.Contact, error) {
	list, err := c.s.account.Contacts(ctx, ids)
	return notifyContactsOf(list), err
}

func (c notifyContacts) ContactsTx(ctx context.Context, tx pgx.Tx, ids []int64) ([]notify.Contact, error) {
	list, err := c.s.account.ContactsTx(ctx, tx, ids)
	return notifyContactsOf(list), err
}

func notifyContactsOf(list []account.Contact) []notify.Contact {
	out := make([]notify.Contact, len(list))
	for i, x := range list {
		out[i] = notify.Contact{ID: x.ID, Email: x.Email, Name: x.Name, Phone: x.Phone, HomeCity: x.HomeCity,
			Genres: x.PreferredGenres, Languages: x.PreferredLanguages}
	}
	return out
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
