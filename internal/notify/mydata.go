package notify

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/rivertype"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
)

// Name labels notify's part of a personal data export.
func (s *Service) Name() string { return "notifications" }

type exportedChannels struct {
	Category Category `json:"category"`
	Email    bool     `json:"email"`
	SMS      bool     `json:"sms"`
	Push     bool     `json:"push"`
}

type exportedQuietHours struct {
	On       bool   `json:"on"`
	From     string `json:"from"`
	To       string `json:"to"`
	TimeZone string `json:"time_zone"`
}

type exportedFollow struct {
	MovieID    int64      `json:"movie_id"`
	Title      string     `json:"title,omitempty"`
	FollowedAt time.Time  `json:"followed_at"`
	NotifiedAt *time.Time `json:"notified_at,omitempty"`
}

// exportedDevice is a push subscription without its keys: the push
// service's host says enough about which browser it is.
type exportedDevice struct {
	PushService  string    `json:"push_service"`
	UserAgent    string    `json:"user_agent,omitempty"`
	SubscribedAt time.Time `json:"subscribed_at"`
}

// exportedApp is a native app install registered for push, without its
// token (a credential for reaching the device).
type exportedApp struct {
	Platform     string    `json:"platform"`
	AppID        string    `json:"app_id,omitempty"`
	DeviceName   string    `json:"device_name,omitempty"`
	RegisteredAt time.Time `json:"registered_at"`
}

type exportedBooking struct {
	BookingID int64     `json:"booking_id"`
	MovieID   int64     `json:"movie_id"`
	StartsAt  time.Time `json:"starts_at"`
	Cancelled bool      `json:"cancelled,omitempty"`
}

type exportedDelivery struct {
	Channel   string     `json:"channel"`
	To        string     `json:"to"`
	Status    string     `json:"status"`
	Subject   string     `json:"subject,omitempty"`
	Text      string     `json:"text,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at,omitempty"`
}

type exportedMessage struct {
	Kind       string             `json:"kind"`
	Category   string             `json:"category"`
	CreatedAt  time.Time          `json:"created_at"`
	Deliveries []exportedDelivery `json:"deliveries"`
}

type exportedData struct {
	Preferences       []exportedChannels `json:"preferences"`
	QuietHours        exportedQuietHours `json:"quiet_hours"`
	Follows           []exportedFollow   `json:"follows"`
	PushSubscriptions []exportedDevice   `json:"push_subscriptions"`
	AppDevices        []exportedApp      `json:"app_devices"`
	Bookings          []exportedBooking  `json:"bookings_for_reminders"`
	Messages          []exportedMessage  `json:"messages"`
}

// ExportUser returns what notify holds about the user: their channel
// choices and quiet hours, followed movies, push devices (the push
// service only, never the keys), app installs registered for native push
// (never the tokens), the bookings their reminders are for,
// and every message sent to them with what each channel delivered (the
// account module's "download my data").
func (s *Service) ExportUser(ctx context.Context, userID int64) (any, error) {
	out := exportedData{Preferences: []exportedChannels{}, Follows: []exportedFollow{},
		PushSubscriptions: []exportedDevice{}, AppDevices: []exportedApp{}, Bookings: []exportedBooking{}, Messages: []exportedMessage{}}
	p, err := s.Preferences(ctx, userID)
	if err != nil {
		return nil, err
	}
	for _, c := range Categories() {
		ch := p.Channels[c]
		out.Preferences = append(out.Preferences, exportedChannels{Category: c, Email: ch.Email, SMS: ch.SMS, Push: ch.Push})
	}
	out.QuietHours = exportedQuietHours{On: p.QuietOn, From: hhmm(p.QuietFrom), To: hhmm(p.QuietTo), TimeZone: p.TimeZone}
	if out.Follows, err = s.exportFollows(ctx, userID); err != nil {
		return nil, err
	}
	subs, err := s.q.PushSubscriptionListForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("export push devices of user %d: %w", userID, err)
	}
	for _, sub := range subs {
		d := exportedDevice{UserAgent: sub.UserAgent, SubscribedAt: sub.CreatedAt}
		if u, err := url.Parse(sub.Endpoint); err == nil {
			d.PushService = u.Hostname()
		}
		out.PushSubscriptions = append(out.PushSubscriptions, d)
	}
	devices, err := s.Devices(ctx, userID)
	if err != nil {
		return nil, err
	}
	for _, d := range devices {
		out.AppDevices = append(out.AppDevices, exportedApp{Platform: d.Platform, AppID: d.AppID, DeviceName: d.DeviceName,
			RegisteredAt: d.CreatedAt})
	}
	bookings, err := s.q.BookingRecordListForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("export booking records of user %d: %w", userID, err)
	}
	for _, b := range bookings {
		out.Bookings = append(out.Bookings, exportedBooking{BookingID: b.BookingID, MovieID: b.MovieID, StartsAt: b.StartsAt,
			Cancelled: b.Cancelled})
	}
	if out.Messages, err = s.exportMessages(ctx, userID); err != nil {
		return nil, err
	}
	return out, nil
}

// exportFollows lists the movies the user follows, with their titles
// while the catalogue still has them.
func (s *Service) exportFollows(ctx context.Context, userID int64) ([]exportedFollow, error) {
	rows, err := s.q.FollowListForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("export follows of user %d: %w", userID, err)
	}
	out := make([]exportedFollow, 0, len(rows))
	for _, r := range rows {
		f := exportedFollow{MovieID: r.MovieID, FollowedAt: r.CreatedAt, NotifiedAt: r.NotifiedAt}
		m, err := s.movies.Movie(ctx, r.MovieID)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return nil, fmt.Errorf("export followed movie %d: %w", r.MovieID, err)
		default:
			f.Title = m.Title
		}
		out = append(out, f)
	}
	return out, nil
}

// exportMessages lists the messages to the user's account or address,
// newest first, each with its deliveries.
func (s *Service) exportMessages(ctx context.Context, userID int64) ([]exportedMessage, error) {
	email, err := s.addressOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	msgs, err := s.q.MessageListForUser(ctx, s.pool, notifydb.MessageListForUserParams{UserID: &userID, Email: email})
	if err != nil {
		return nil, fmt.Errorf("export messages of user %d: %w", userID, err)
	}
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	dels, err := s.q.DeliveryListForMessages(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("export deliveries of user %d: %w", userID, err)
	}
	byMsg := map[int64][]exportedDelivery{}
	for _, d := range dels {
		byMsg[d.MessageID] = append(byMsg[d.MessageID], exportedDelivery{Channel: d.Channel, To: d.Recipient, Status: d.Status,
			Subject: d.Subject, Text: d.BodyText, CreatedAt: d.CreatedAt, SentAt: d.SentAt})
	}
	out := make([]exportedMessage, 0, len(msgs))
	for _, m := range msgs {
		e := exportedMessage{Kind: m.Kind, Category: m.Category, CreatedAt: m.CreatedAt, Deliveries: byMsg[m.ID]}
		if e.Deliveries == nil {
			e.Deliveries = []exportedDelivery{}
		}
		out = append(out, e)
	}
	return out, nil
}

// EraseUser removes the user from notify inside the account deletion's
// transaction: preferences, quiet hours, follows, push devices, app
// devices and booking records go, and so do messages that were never
// delivered (and the reminders still scheduled). Messages that were
// delivered stay only as anonymous figures (kind, channel, status, when)
// for the outbox, without address, content or any link to the person.
func (s *Service) EraseUser(ctx context.Context, tx pgx.Tx, userID int64) error {
	cs, err := s.users.ContactsTx(ctx, tx, []int64{userID})
	if err != nil {
		return fmt.Errorf("contact of user %d: %w", userID, err)
	}
	var email string
	if len(cs) > 0 {
		email = cs[0].Email
	}
	reminders, err := s.q.BookingRecordEraseUser(ctx, tx, userID)
	if err != nil {
		return fmt.Errorf("erase booking records of user %d: %w", userID, err)
	}
	for _, jobID := range reminders {
		if _, err := s.jobs.JobCancelTx(ctx, tx, jobID); err != nil && !errors.Is(err, rivertype.ErrNotFound) {
			return fmt.Errorf("drop reminder job %d of user %d: %w", jobID, userID, err)
		}
	}
	steps := []struct {
		what string
		run  func() error
	}{
		{"deliveries", func() error {
			return s.q.DeliveryEraseUser(ctx, tx, notifydb.DeliveryEraseUserParams{UserID: &userID, Email: email})
		}},
		{"unsent messages", func() error {
			return s.q.MessageDeleteUnsentForUser(ctx, tx, notifydb.MessageDeleteUnsentForUserParams{UserID: &userID, Email: email})
		}},
		{"messages", func() error {
			return s.q.MessageAnonymiseUser(ctx, tx, notifydb.MessageAnonymiseUserParams{UserID: &userID, Email: email})
		}},
		{"preferences", func() error { return s.q.PreferenceDeleteForUser(ctx, tx, userID) }},
		{"quiet hours", func() error { return s.q.SettingsDeleteForUser(ctx, tx, userID) }},
		{"follows", func() error { return s.q.FollowDeleteForUser(ctx, tx, userID) }},
		{"push devices", func() error {
			return s.q.PushSubscriptionDeleteForUser(ctx, tx, notifydb.PushSubscriptionDeleteForUserParams{UserID: userID})
		}},
		{"app devices", func() error { return s.q.DeviceTokenDeleteAllForUser(ctx, tx, userID) }},
		{"announcement authorship", func() error { return s.q.AnnouncementForgetAuthor(ctx, tx, userID) }},
	}
	for _, st := range steps {
		if err := st.run(); err != nil {
			return fmt.Errorf("erase %s of user %d: %w", st.what, userID, err)
		}
	}
	return nil
}

// addressOf is the user's email address, "" when the account is gone.
func (s *Service) addressOf(ctx context.Context, userID int64) (string, error) {
	cs, err := s.users.Contacts(ctx, []int64{userID})
	if err != nil {
		return "", fmt.Errorf("contact of user %d: %w", userID, err)
	}
	if len(cs) == 0 {
		return "", nil
	}
	return cs[0].Email, nil
}
