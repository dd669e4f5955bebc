// Package notify sends Marquee's messages: booking confirmations with the
// e-ticket, reminders, cancellations, payment failures, account emails,
// new-release and "bookings open" alerts, and offers. Other modules ask for
// a message inside their own transaction; the message is a River job, so it
// goes out exactly when that transaction commits. Every delivery (email over
// SMTP, SMS through Twilio, web push) is recorded, retried on temporary
// failures and never sent twice. It owns the notify schema.
package notify

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Sentinel errors. Their messages are written for the people who see them.
var (
	// ErrNotFound: no such message, delivery, movie or announcement.
	ErrNotFound = errors.New("we couldn't find that")
	// ErrInvalid: the input failed validation (validate.Fields has details).
	ErrInvalid = validate.ErrInvalid
	// ErrBadUnsubscribe: an unsubscribe link was altered or forged.
	ErrBadUnsubscribe = errors.New("that unsubscribe link is not valid; manage your messages from your account instead")
	// ErrPushOff: this server has no web push keys.
	ErrPushOff = errors.New("push notifications are not set up on this server")
)

// Contact is how to reach a user and what they like.
type Contact struct {
	ID        int64
	Email     string
	Name      string
	Phone     string // "" when none
	HomeCity  string // a city slug, "" when not set
	Genres    []string
	Languages []string
	// Lang is the language the user reads Marquee in ("" until chosen).
	Lang string
}

// Users finds people to message (the account module, read-only).
type Users interface {
	// Contacts returns the existing users among ids; deleted ones are
	// simply missing.
	Contacts(ctx context.Context, ids []int64) ([]Contact, error)
	// ContactsTx is Contacts inside the caller's transaction.
	ContactsTx(ctx context.Context, tx pgx.Tx, ids []int64) ([]Contact, error)
}

// Movie is what alerts say about a movie.
type Movie struct {
	ID        int64
	Slug      string
	Title     string
	Tagline   string
	Status    string // coming_soon, now_showing, archived
	Genres    []string
	Languages []string
	// Cities are the city slugs where the movie has shows coming up.
	Cities []string
}

// Choice is an option of a form's select.
type Choice struct {
	Value string
	Label string
}

// Movies reads movie facts from the catalogue (connected in main).
type Movies interface {
	// Movie returns a movie with the cities it plays in. Errors: ErrNotFound.
	Movie(ctx context.Context, id int64) (Movie, error)
	// MovieBySlug returns a movie without its cities. Errors: ErrNotFound.
	MovieBySlug(ctx context.Context, slug string) (Movie, error)
	// SegmentChoices lists the cities, genres and movies an offer may target.
	SegmentChoices(ctx context.Context) (cities []Choice, genres []string, movies []Choice, err error)
}

// Interests hears that a user followed a movie (recommendations), inside
// the follow's transaction.
type Interests interface {
	Followed(ctx context.Context, tx pgx.Tx, userID, movieID int64) error
}

// Picks suggests other movies to a user (the recommend module), shown in
// the new-release email of users who opted in to alerts, with the shows of
// the new movie that suit them best.
type Picks interface {
	PicksFor(ctx context.Context, userID int64, citySlug string, n int) ([]Pick, error)
	// ShowsFor is up to n shows of movieID for the user in the city, best
	// first, each with why it suits them (in ctx's language).
	ShowsFor(ctx context.Context, userID int64, citySlug string, movieID int64, n int) ([]ShowPick, error)
}

// Pick is one suggested movie and why it suits the user.
type Pick struct {
	Title  string
	Slug   string
	Reason string
}

// ShowPick is one suggested show: when (in its theater's time zone),
// where, and why it suits the user.
type ShowPick struct {
	StartsAt time.Time
	Theater  string
	Reason   string
}

// Options configure the Service.
type Options struct {
	// BaseURL starts every link in a message (https://tickets.example.com).
	BaseURL string
	// Email, SMS and Push are the channels. Email is required (the Outbox
	// in development); SMS and Push are off when nil.
	Email EmailSender
	SMS   SMSSender
	Push  PushSender
	// FCM and APNs deliver native push to the apps' registered devices
	// (see NativePush); while one is nil, deliveries to its devices are
	// recorded as skipped.
	FCM, APNs NativePush
	// VAPIDPublicKey is handed to browsers that subscribe to push.
	VAPIDPublicKey string
	// Keys sign unsubscribe links; required.
	Keys *Keys
	// ReminderBefore is how long before the show the reminder goes out
	// (default 3 hours).
	ReminderBefore time.Duration
	// QuietFrom and QuietTo bound the default quiet hours (minutes after
	// midnight, default 21:00 to 08:00).
	QuietFrom, QuietTo int
	// Interests is told about follows (optional).
	Interests Interests
	// Picks adds "also for you" to new-release emails (nil: left out).
	Picks Picks
	// RetryDelay is the wait before a failed send's next attempt (default
	// River's: attempt⁴ seconds).
	RetryDelay func(attempt int) time.Duration
	// BatchSize is how many users one fan-out job handles (default 500).
	BatchSize int
	// Log receives what was sent in development and background errors.
	Log *slog.Logger
	// Now is the clock (tests); time.Now when nil.
	Now func() time.Time
}

// Service sends and records messages.
type Service struct {
	pool   *pgxpool.Pool
	q      *notifydb.Queries
	users  Users
	movies Movies
	opts   Options
	jobs   *jobs.Client
}

// NewService returns the notification service; every message is a job
// inserted through jobs (an insert-only River client is enough: the
// workers run wherever the working client is).
func NewService(pool *pgxpool.Pool, users Users, movies Movies, jobs *jobs.Client, o Options) *Service {
	if o.ReminderBefore <= 0 {
		o.ReminderBefore = 3 * time.Hour
	}
	if o.QuietFrom == 0 && o.QuietTo == 0 {
		o.QuietFrom, o.QuietTo = 21*60, 8*60
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Email == nil {
		o.Email = Outbox{Log: o.Log}
	}
	return &Service{pool: pool, q: notifydb.New(), users: users, movies: movies, jobs: jobs, opts: o}
}

// PushEnabled reports whether devices can subscribe to web push.
func (s *Service) PushEnabled() bool { return s.opts.Push != nil && s.opts.VAPIDPublicKey != "" }

// SMSEnabled reports whether text messages can be sent.
func (s *Service) SMSEnabled() bool { return s.opts.SMS != nil }
