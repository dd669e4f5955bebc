package notify_test

import (
	"context"
	"html"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/check"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/faultproxy"
	"github.com/marqueehq/marquee/internal/platform/jobs"
)

// faultBundle is the app mailing through a fault proxy in front of a real
// SMTP server (SMTP_URL) and texting through one in front of the Twilio
// stand-in (TWILIO_BASE_URL), with a River client working its jobs.
type faultBundle struct {
	*testBundle
	twilio    *twilioServer
	smtpProxy *faultproxy.Proxy
	smsProxy  *faultproxy.Proxy
}

func faultSetup(t *testing.T) *faultBundle {
	t.Helper()
	mail := startSMTP(t)
	tw, twURL := startTwilio(t)
	fb := &faultBundle{twilio: tw, smtpProxy: faultproxy.NewTCP(t, mail.addr), smsProxy: faultproxy.NewHTTP(t, twURL)}
	s := apptest.New(t, apptest.Options{Env: map[string]string{
		"SMTP_URL": "smtp://" + fb.smtpProxy.URL + "?tls=none", "MAIL_FROM": "Marquee <tickets@marquee.test>",
		"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "secret-token", "TWILIO_FROM": "+15005550006",
		"TWILIO_BASE_URL": fb.smsProxy.URL}})
	fb.testBundle = &testBundle{srv: s, pool: s.Pool, accounts: s.Account, svc: s.Notify, smtp: mail}
	var err error
	fb.jobs, err = jobs.New(s.Pool, jobs.Options{Workers: s.Workers(), RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(context.Background())
	require.NoError(t, fb.jobs.Start(runCtx))
	t.Cleanup(func() {
		stopCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = fb.jobs.Stop(stopCtx)
		cancel()
	})
	return fb
}

// rounds is CHAOS_ROUNDS (1 unless set): how many times each fault runs.
func rounds() int {
	n, err := strconv.Atoi(os.Getenv("CHAOS_ROUNDS"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// delivery is the message's delivery on channel: status, attempts, error.
func (b *faultBundle) delivery(t *testing.T, messageID int64, channel string) (status string, attempts int, errText string) {
	t.Helper()
	err := b.pool.QueryRow(context.Background(), `SELECT status, attempts, error FROM notify.deliveries
		WHERE message_id = $1 AND channel = $2`, messageID, channel).Scan(&status, &attempts, &errText)
	if err == pgx.ErrNoRows {
		return "", 0, ""
	}
	require.NoError(t, err)
	return status, attempts, errText
}

// TestProviderFaultsAreRetriedAndSendOnce sends a booking confirmation by
// email and text while the mail server or Twilio answers with an error,
// never answers, answers slowly, cuts its answer halfway, (Twilio) gets
// the request twice, or (SMTP) loses its answer to a message it took. The send job retries until the provider takes the
// message, staff see the failure in the Outbox while it lasts, and each
// channel carries the message once: the healthy channel is not sent
// again when the job retries for the other.
func TestProviderFaultsAreRetriedAndSendOnce(t *testing.T) {
	t.Parallel()
	faults := map[string][]faultproxy.Fault{
		"email": {faultproxy.Error, faultproxy.Hang, faultproxy.Slow, faultproxy.Cut, faultproxy.Drop},
		"sms":   {faultproxy.Error, faultproxy.Hang, faultproxy.Slow, faultproxy.Cut, faultproxy.Twice},
	}
	for channel, list := range faults {
		for _, fault := range list {
			t.Run(channel+"/"+fault.String(), func(t *testing.T) {
				t.Parallel()
				b := faultSetup(t)
				staff, _ := b.srv.SignedIn(t, "Staff", account.Staff)
				for range rounds() {
					sendThrough(t, b, staff, channel, fault)
				}
				findings, err := check.Run(context.Background(), b.pool, check.Options{})
				require.NoError(t, err)
				require.Empty(t, findings)
			})
		}
	}
}

func sendThrough(t *testing.T, b *faultBundle, staff interface {
	Get(testing.TB, string, ...string) (*http.Response, string)
}, channel string, fault faultproxy.Fault) {
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "+44 7700 900123")
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[notify.Transactional] = notify.Channels{Email: true, SMS: true}
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))
	texts, mails, asked := b.twilio.count(), len(b.smtp.messages()), len(b.smsProxy.Seen())
	proxy := b.smtpProxy
	if channel == "sms" {
		proxy = b.smsProxy
	}
	// A Twilio answer cut after its 201 status still means Twilio took
	// the text: it counts as sent (retrying would text twice), so only an
	// SMTP session cut halfway is a failure that lasts.
	lasting := fault == faultproxy.Error || (fault == faultproxy.Cut && channel == "email")
	if lasting {
		proxy.Set(fault) // the provider keeps failing until healed below
	} else {
		proxy.Next(fault)
	}
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.BookingConfirmed(ctx, tx, b.booking(u.ID, 48*time.Hour))
	})
	var messageID int64
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT id FROM notify.messages WHERE user_id = $1 AND kind = 'booking.confirmed'", u.ID).Scan(&messageID))

	if lasting {
		eventually(t, func() bool {
			status, attempts, e := b.delivery(t, messageID, channel)
			return status != "sent" && attempts >= 2 && e != ""
		}, "the "+channel+" delivery fails and is retried")
		// The job keeps retrying, and a cut can fail in more than one way,
		// so the page is compared with the error recorded as it is read.
		eventually(t, func() bool {
			_, _, e := b.delivery(t, messageID, channel)
			_, body := staff.Get(t, "/admin/outbox?channel="+channel)
			return strings.Contains(body, html.EscapeString(e))
		}, "staff see why the "+channel+" is not sent yet")
		proxy.Set(faultproxy.Pass)
	}
	eventually(t, func() bool {
		e, _, _ := b.delivery(t, messageID, "email")
		s, _, _ := b.delivery(t, messageID, "sms")
		return e == "sent" && s == "sent" && b.jobsIdle(t)
	}, "both channels sent once the fault is over")
	_, attempts, errText := b.delivery(t, messageID, channel)
	require.Empty(t, errText, "the error is gone once sent")
	if fault == faultproxy.Cut && channel == "sms" {
		require.Equal(t, 1, attempts, "a text Twilio accepted is not sent again")
	}

	got := b.smtp.messages()[mails:]
	if fault == faultproxy.Drop && channel == "email" {
		// The server took the message and its answer was lost: SMTP has
		// no way to ask again safely, so the retry sends it again (at
		// least once). Both copies carry the delivery's Message-ID, so
		// mail clients show one.
		require.Len(t, got, 2, "the message and its retry")
		require.Equal(t, got[0].Header.Get("Message-Id"), got[1].Header.Get("Message-Id"))
		require.NotEmpty(t, got[0].Header.Get("Message-Id"))
	} else {
		require.Len(t, got, 1, "one email (one SMTP DATA) for the message")
	}
	wantTexts := 1
	if fault == faultproxy.Twice && channel == "sms" {
		// The network repeated the request; Twilio's Messages API has no
		// idempotency key, so it texts twice. We asked once:
		wantTexts = 2
		require.Len(t, b.smsProxy.Seen()[asked:], 1, "the app asked Twilio once")
	}
	require.Equal(t, texts+wantTexts, b.twilio.count(), "one text for the message")
	var rows int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM notify.deliveries WHERE message_id = $1", messageID).Scan(&rows))
	require.Equal(t, 2, rows, "one delivery row per channel")
}
