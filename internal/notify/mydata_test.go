package notify_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/notify"
)

const password = "correct horse battery"

// notifyExport is the notifications section of "download my data", as the
// user reads the JSON.
type notifyExport struct {
	Preferences []struct {
		Category string `json:"category"`
		Email    bool   `json:"email"`
		SMS      bool   `json:"sms"`
		Push     bool   `json:"push"`
	} `json:"preferences"`
	QuietHours struct {
		On       bool   `json:"on"`
		TimeZone string `json:"time_zone"`
	} `json:"quiet_hours"`
	Follows []struct {
		MovieID int64  `json:"movie_id"`
		Title   string `json:"title"`
	} `json:"follows"`
	PushSubscriptions []map[string]any `json:"push_subscriptions"`
	Bookings          []struct {
		BookingID int64 `json:"booking_id"`
	} `json:"bookings_for_reminders"`
	Messages []struct {
		Kind       string `json:"kind"`
		Deliveries []struct {
			Channel string `json:"channel"`
			To      string `json:"to"`
			Status  string `json:"status"`
			Subject string `json:"subject"`
			Text    string `json:"text"`
		} `json:"deliveries"`
	} `json:"messages"`
}

// myData builds a user with a bit of everything notify keeps: channel
// choices and quiet hours, a follow, a push device, a confirmed booking
// (its reminder still scheduled) and a password reset to their address.
func myData(t *testing.T, b *testBundle, name string) (account.User, notify.BookingMessage) {
	t.Helper()
	ctx := context.Background()
	u := b.user(t, name, "")
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[notify.Offers] = notify.Channels{Email: true}
	p.QuietOn, p.TimeZone = false, "Europe/London"
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))
	require.NoError(t, b.svc.SetFollow(ctx, u.ID, 7, true))
	sub := browserSubscription(t, "https://fcm.googleapis.com/fcm/send/"+strings.ReplaceAll(strings.ToLower(name), " ", "-"))
	require.NoError(t, b.svc.SubscribePush(ctx, u.ID, sub, "Firefox on Android"))
	m := b.booking(u.ID, 0)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		if err := b.svc.BookingConfirmed(ctx, tx, m); err != nil {
			return err
		}
		return b.svc.SendAccount(ctx, tx, notify.AccountMessage{Kind: notify.KindPasswordReset, To: u.Email, Name: u.Name,
			Link: "http://marquee.test/password/reset?token=" + m.Code})
	})
	return u, m
}

// announce sends an offer written by author to everyone who wants offers.
func announce(t *testing.T, b *testBundle, author account.User) {
	t.Helper()
	_, err := b.svc.SendAnnouncement(context.Background(), author.ID, notify.AnnouncementInput{Subject: "Popcorn on us",
		Body: "Free popcorn this weekend.", Segment: notify.Segment{Kind: "all"}})
	require.NoError(t, err)
}

func TestDownloadMyDataHasMessagesPreferencesAndDevices(t *testing.T) {
	t.Parallel()
	b := setup(t, withPush(t))
	b.movies.byID[7] = notify.Movie{ID: 7, Slug: "hold-tight", Title: "Hold Tight", Status: "coming_soon"}
	b.accounts.AddDataHolder(b.svc)
	u, m := myData(t, b, "Asha Rao")
	_, other := myData(t, b, "Ben Okafor")
	announce(t, b, u)
	eventually(t, func() bool { return b.jobsIdle(t) && len(b.smtp.to(u.Email)) == 3 }, "confirmation, reset and offer")

	exp, err := b.accounts.ExportData(context.Background(), u.ID)
	require.NoError(t, err)
	raw, err := json.Marshal(exp)
	require.NoError(t, err)
	var all struct {
		Modules struct {
			Notifications json.RawMessage `json:"notifications"`
		} `json:"modules"`
	}
	require.NoError(t, json.Unmarshal(raw, &all))
	var got notifyExport
	require.NoError(t, json.Unmarshal(all.Modules.Notifications, &got))

	require.Len(t, got.Preferences, 5)
	for _, p := range got.Preferences {
		if p.Category == "offers" {
			require.True(t, p.Email, "offers by email, as chosen")
		}
	}
	require.False(t, got.QuietHours.On)
	require.Equal(t, "Europe/London", got.QuietHours.TimeZone)
	require.Len(t, got.Follows, 1)
	require.Equal(t, "Hold Tight", got.Follows[0].Title)
	require.Len(t, got.PushSubscriptions, 1)
	require.Equal(t, "fcm.googleapis.com", got.PushSubscriptions[0]["push_service"])
	require.Equal(t, m.BookingID, got.Bookings[0].BookingID)

	kinds := map[string]int{}
	var confirmation string
	for _, msg := range got.Messages {
		kinds[msg.Kind]++
		for _, d := range msg.Deliveries {
			require.Equal(t, u.Email, d.To)
			require.Equal(t, "sent", d.Status)
			if msg.Kind == string(notify.KindBookingConfirmed) {
				confirmation = d.Subject + "\n" + d.Text
			}
		}
	}
	require.Equal(t, map[string]int{"booking.confirmed": 1, "booking.reminder": 1, "account.password_reset": 1, "offer": 1}, kinds)
	require.Contains(t, confirmation, "Your tickets for Hold Tight · "+m.Code)
	require.Contains(t, confirmation, "F7, F8")

	text := string(all.Modules.Notifications)
	require.NotContains(t, text, "/fcm/send/", "never the push endpoint's path")
	require.NotContains(t, text, "p256dh")
	require.NotContains(t, text, other.Code, "nobody else's messages")
}

func TestDeletingTheAccountLeavesNothingOfTheUserInNotify(t *testing.T) {
	t.Parallel()
	b := setup(t, withPush(t))
	b.movies.byID[7] = notify.Movie{ID: 7, Slug: "hold-tight", Title: "Hold Tight", Status: "coming_soon"}
	b.accounts.AddDataHolder(b.svc)
	ctx := context.Background()
	u, m := myData(t, b, "Asha Rao")
	v, other := myData(t, b, "Ben Okafor")
	announce(t, b, u)
	eventually(t, func() bool { return b.jobsIdle(t) && len(b.smtp.messages()) == 6 }, "every email")
	sentBefore := b.deliveries(t, "sent")
	var reminderJob int64
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT reminder_job_id FROM notify.bookings WHERE booking_id = $1", m.BookingID).Scan(&reminderJob))

	require.NoError(t, b.accounts.DeleteAccount(ctx, u.ID, password))

	for _, table := range []string{"preferences", "settings", "push_subscriptions", "follows", "bookings", "messages"} {
		var n int
		require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM notify."+table+" WHERE user_id = $1", u.ID).Scan(&n))
		require.Zero(t, n, "notify.%s still has rows of the user", table)
	}
	var authored int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM notify.announcements WHERE created_by = $1", u.ID).Scan(&authored))
	require.Zero(t, authored, "their offer is no longer theirs")
	for _, trace := range []string{u.Email, "Asha", m.Code, m.TicketToken, "asha-rao"} {
		for _, table := range []string{"messages", "deliveries", "preferences", "settings", "push_subscriptions", "follows", "bookings", "announcements"} {
			var n int
			require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM notify."+table+" t WHERE t::text ILIKE '%' || $1 || '%'",
				trace).Scan(&n))
			require.Zero(t, n, "notify.%s still mentions %q", table, trace)
		}
	}
	var reminder string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT state FROM river.river_job WHERE id = $1", reminderJob).Scan(&reminder))
	require.Equal(t, "cancelled", reminder, "their reminder will not go out")

	sent, _, _, err := b.svc.OutboxCounts(ctx)
	require.NoError(t, err)
	require.Equal(t, sentBefore, sent, "the outbox's figures stay, anonymously")

	exp, err := b.accounts.ExportData(ctx, v.ID)
	require.NoError(t, err)
	raw, err := json.Marshal(exp)
	require.NoError(t, err)
	require.Contains(t, string(raw), "Your tickets for Hold Tight · "+other.Code, "the other user keeps their messages")
	require.Contains(t, string(raw), "fcm.googleapis.com")
	require.Contains(t, string(raw), v.Email)
}

// withPush turns web push on, so users can subscribe devices (nothing is
// pushed: the users here want email only).
func withPush(t *testing.T) func(*notify.Options) {
	public, private, err := notify.GenerateVAPIDKeys()
	require.NoError(t, err)
	return func(o *notify.Options) {
		o.Push, o.VAPIDPublicKey = notify.NewWebPush(public, private, "mailto:ops@marquee.test"), public
	}
}
