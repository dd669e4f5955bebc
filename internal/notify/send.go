package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// leaseSeconds is how long a claimed delivery belongs to its worker: far
// longer than any provider call (their timeouts are 15 seconds).
const leaseSeconds = 120

type sendWorker struct {
	river.WorkerDefaults[SendArgs]
	svc *Service
}

// Work delivers the message on each channel its recipient wants. A
// temporary failure on any channel fails the job, and River retries it
// with backoff; the channels already done are skipped on the next attempt.
func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	return w.svc.send(ctx, job.Args.MessageID)
}

// NextRetry waits RetryDelay when configured, River's backoff otherwise.
func (w *sendWorker) NextRetry(job *river.Job[SendArgs]) time.Time {
	if w.svc.opts.RetryDelay == nil {
		return time.Time{}
	}
	return time.Now().Add(w.svc.opts.RetryDelay(job.Attempt))
}

// target is one recipient on one channel.
type target struct {
	channel   string
	recipient string
	sub       PushSubscription
	device    *Device // a native app install (push channel), nil for web push
}

// outgoing is a message ready for its channels.
type outgoing struct {
	messageID int64
	to, name  string
	phone     string
	r         rendered
	html      string
	unsub     string
}

func (s *Service) send(ctx context.Context, messageID int64) error {
	msg, err := s.q.MessageGet(ctx, s.pool, messageID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // erased with its user
	}
	if err != nil {
		return fmt.Errorf("get message %d: %w", messageID, err)
	}
	if msg.UserID == nil && msg.Email == "" {
		return nil // anonymised with its user (EraseUser)
	}
	var data payload
	if err := json.Unmarshal(msg.Data, &data); err != nil {
		return river.JobCancel(fmt.Errorf("decode message %d: %w", messageID, err))
	}
	kind, cat := Kind(msg.Kind), Category(msg.Category)
	out := outgoing{messageID: msg.ID, to: msg.Email}
	channels := Channels{Email: true}
	lang := data.lang()
	if data.Account != nil {
		out.name = data.Account.Name
	}
	if g := data.Booking; msg.UserID == nil && g != nil && g.Guest != nil && g.Guest.Phone != "" {
		// A guest who gave a phone: their reminder comes by text too.
		out.phone = g.Guest.Phone
		channels.SMS = kind == KindBookingReminder
	}
	if msg.UserID != nil {
		userID := *msg.UserID
		contacts, err := s.users.Contacts(ctx, []int64{userID})
		if err != nil {
			return fmt.Errorf("contact of user %d: %w", userID, err)
		}
		if len(contacts) == 0 {
			return nil // the account is gone
		}
		c := contacts[0]
		out.to, out.name, out.phone = c.Email, c.Name, c.Phone
		if i18n.Supported(c.Lang) {
			lang = c.Lang
		}
		if kind == KindNewRelease {
			data.Picks = s.picks(ctx, userID, c.HomeCity, data.Movie)
			data.Shows = s.showPicks(i18n.WithLang(ctx, lang), userID, c.HomeCity, data.Movie)
		}
		prefs, err := s.Preferences(ctx, userID)
		if err != nil {
			return err
		}
		channels = prefs.Channels[cat]
		if cat == Transactional {
			channels.Email = true
		}
		if cat.Marketing() {
			now := s.opts.Now()
			if until := quietUntil(prefs, now); !until.IsZero() {
				return river.JobSnooze(until.Sub(now))
			}
			out.unsub = s.UnsubscribeURL(userID, cat)
		}
	}
	if kind == KindBookingReminder && data.Booking != nil {
		rec, err := s.q.BookingRecordGet(ctx, s.pool, data.Booking.BookingID)
		if err == nil && rec.Cancelled {
			return nil
		}
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("booking record %d: %w", data.Booking.BookingID, err)
		}
	}
	// Every channel speaks the recipient's language: the account's
	// choice, else the one the booking or request was made in, else English.
	ctx = i18n.WithLang(ctx, lang)
	if out.r, err = s.compose(ctx, kind, data, out.name, out.unsub); err != nil {
		return river.JobCancel(err)
	}
	if out.html, err = renderEmail(ctx, out.r); err != nil {
		return fmt.Errorf("render message %d: %w", messageID, err)
	}
	targets, err := s.targets(ctx, msg, channels, out)
	if err != nil {
		return err
	}
	var failed error
	for _, t := range targets {
		if err := s.deliver(ctx, out, t); err != nil {
			failed = errors.Join(failed, err)
		}
	}
	return failed
}

// targets lists where the message goes: the channels wanted, that this
// server has, and that the person can be reached on.
func (s *Service) targets(ctx context.Context, msg notifydb.NotifyMessage, ch Channels, out outgoing) ([]target, error) {
	var ts []target
	if ch.Email && out.to != "" {
		ts = append(ts, target{channel: "email", recipient: out.to})
	}
	if ch.SMS && s.opts.SMS != nil && out.phone != "" && out.r.sms != "" {
		ts = append(ts, target{channel: "sms", recipient: maskPhone(out.phone)})
	}
	if ch.Push && s.opts.Push != nil && msg.UserID != nil {
		subs, err := s.q.PushSubscriptionListForUser(ctx, s.pool, *msg.UserID)
		if err != nil {
			return nil, fmt.Errorf("push subscriptions: %w", err)
		}
		for _, sub := range subs {
			ts = append(ts, target{channel: "push", recipient: "push:" + strconv.FormatInt(sub.ID, 10),
				sub: PushSubscription{ID: sub.ID, Endpoint: sub.Endpoint, P256dh: sub.P256dh, Auth: sub.Auth}})
		}
	}
	if ch.Push && msg.UserID != nil {
		// Native devices are targets even without a provider: the
		// delivery is then recorded as skipped, with the reason.
		devices, err := s.Devices(ctx, *msg.UserID)
		if err != nil {
			return nil, err
		}
		for i := range devices {
			d := &devices[i]
			ts = append(ts, target{channel: "push", recipient: d.Platform + ":" + strconv.FormatInt(d.ID, 10), device: d})
		}
	}
	return ts, nil
}

// deliver sends one delivery unless it was sent, failed for good, or is
// being sent by another worker right now. It returns an error only for a
// temporary failure (the job is retried).
func (s *Service) deliver(ctx context.Context, out outgoing, t target) error {
	e := out.r.email
	p := notifydb.DeliveryEnsureParams{MessageID: out.messageID, Channel: t.channel, Recipient: t.recipient, Subject: e.Subject}
	switch t.channel {
	case "email":
		p.Provider, p.BodyText, p.BodyHtml = s.opts.Email.Provider(), out.r.plain, out.html
	case "sms":
		p.Provider, p.BodyText = s.opts.SMS.Provider(), out.r.sms
	case "push":
		b, _ := json.Marshal(out.r.push)
		p.BodyText = string(b)
		switch {
		case t.device == nil:
			p.Provider = s.opts.Push.Provider()
		case s.nativeFor(t.device.Platform) != nil:
			p.Provider = s.nativeFor(t.device.Platform).Provider()
		default:
			p.Provider = t.device.Platform
		}
	}
	d, err := s.q.DeliveryEnsure(ctx, s.pool, p)
	if err != nil {
		return fmt.Errorf("record %s delivery of message %d: %w", t.channel, out.messageID, err)
	}
	if d.Status == "sent" || d.Status == "failed" || d.Status == "skipped" {
		return nil
	}
	if t.device != nil && s.nativeFor(t.device.Platform) == nil {
		reason := "Not sent: no " + nativeName(t.device.Platform) + " provider is configured on this server."
		if err := s.q.DeliverySkipped(ctx, s.pool, notifydb.DeliverySkippedParams{ID: d.ID, Error: reason}); err != nil {
			return fmt.Errorf("record skipped delivery %d: %w", d.ID, err)
		}
		return nil
	}
	if _, err := s.q.DeliveryClaim(ctx, s.pool, notifydb.DeliveryClaimParams{ID: d.ID, LeaseSeconds: leaseSeconds}); errors.Is(err, pgx.ErrNoRows) {
		return nil // another worker has it
	} else if err != nil {
		return fmt.Errorf("claim delivery %d: %w", d.ID, err)
	}
	providerID, sendErr := s.sendOn(ctx, out, t, d.ID)
	// The outcome is recorded even if the job's context ends now: a send
	// that happened must never look unsent.
	rec := context.WithoutCancel(ctx)
	switch {
	case sendErr == nil:
		err = s.q.DeliverySent(rec, s.pool, notifydb.DeliverySentParams{ID: d.ID, ProviderID: providerID})
	case errors.Is(sendErr, ErrGone) && t.device != nil:
		if err = s.q.DeviceTokenDelete(rec, s.pool, t.device.ID); err == nil {
			err = s.q.DeliveryFailed(rec, s.pool, notifydb.DeliveryFailedParams{ID: d.ID, Error: "The app's token is no longer valid; device removed."})
		}
	case errors.Is(sendErr, ErrGone):
		if err = s.q.PushSubscriptionDelete(rec, s.pool, t.sub.ID); err == nil {
			err = s.q.DeliveryFailed(rec, s.pool, notifydb.DeliveryFailedParams{ID: d.ID, Error: "The device unsubscribed; removed."})
		}
	case errors.Is(sendErr, ErrPermanent):
		s.opts.Log.WarnContext(ctx, "delivery refused for good", "delivery", d.ID, "channel", t.channel, "err", sendErr)
		err = s.q.DeliveryFailed(rec, s.pool, notifydb.DeliveryFailedParams{ID: d.ID, Error: truncate(sendErr.Error(), 500)})
	default:
		if err = s.q.DeliveryRetry(rec, s.pool, notifydb.DeliveryRetryParams{ID: d.ID, Error: truncate(sendErr.Error(), 500)}); err == nil {
			return fmt.Errorf("%s delivery %d: %w", t.channel, d.ID, sendErr)
		}
	}
	if err != nil {
		return fmt.Errorf("record outcome of delivery %d: %w", d.ID, err)
	}
	return nil
}

func (s *Service) sendOn(ctx context.Context, out outgoing, t target, deliveryID int64) (string, error) {
	e := out.r.email
	switch t.channel {
	case "email":
		m := Email{To: out.to, ToName: out.name, Subject: e.Subject, Text: out.r.plain, HTML: out.html,
			MessageID: fmt.Sprintf("notify-%d@%s", deliveryID, s.host())}
		if out.r.qr != nil {
			m.Inline = []Inline{{ContentID: qrContentID, ContentType: "image/png", Data: out.r.qr}}
		}
		if out.unsub != "" {
			oneClick := s.opts.BaseURL + "/api/v1/unsubscribe?t=" + url.QueryEscape(tokenOf(out.unsub))
			m.Headers = map[string]string{"List-Unsubscribe": "<" + oneClick + ">",
				"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
		}
		return s.opts.Email.SendEmail(ctx, m)
	case "sms":
		return s.opts.SMS.SendSMS(ctx, SMS{To: out.phone, Body: out.r.sms})
	case "push":
		if t.device != nil {
			return s.nativeFor(t.device.Platform).Send(ctx, t.device.Token, out.r.push)
		}
		return s.opts.Push.SendPush(ctx, t.sub, out.r.push)
	}
	return "", fmt.Errorf("unknown channel %q: %w", t.channel, ErrPermanent)
}

// host is the site's host name, for Message-IDs.
func (s *Service) host() string {
	if u, err := url.Parse(s.opts.BaseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "marquee.localhost"
}

// tokenOf takes the token back out of an unsubscribe URL.
func tokenOf(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return u.Query().Get("t")
}

// renderEmail writes the HTML part of r.
func renderEmail(ctx context.Context, r rendered) (string, error) {
	var buf bytes.Buffer
	if err := views.Email(r.email).Render(ctx, &buf); err != nil {
		return "", fmt.Errorf("render email: %w", err)
	}
	return buf.String(), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// picks are up to three other movies for the user's new-release email; a
// failure leaves them out rather than hold the message back.
func (s *Service) picks(ctx context.Context, userID int64, city string, news *MovieNews) []Pick {
	if s.opts.Picks == nil || city == "" {
		return nil
	}
	all, err := s.opts.Picks.PicksFor(ctx, userID, city, 4)
	if err != nil {
		s.opts.Log.WarnContext(ctx, "recommendations for a new-release email", "user", userID, "err", err)
		return nil
	}
	var out []Pick
	for _, p := range all {
		if (news == nil || p.Slug != news.Slug) && len(out) < 3 {
			out = append(out, p)
		}
	}
	return out
}

// showPicksMax is how many of the new movie's shows a new-release email
// suggests.
const showPicksMax = 3

// showPicks are the new movie's shows that suit the user best, for their
// new-release email; a failure leaves them out rather than hold the
// message back.
func (s *Service) showPicks(ctx context.Context, userID int64, city string, news *MovieNews) []ShowPick {
	if s.opts.Picks == nil || city == "" || news == nil {
		return nil
	}
	shows, err := s.opts.Picks.ShowsFor(ctx, userID, city, news.ID, showPicksMax)
	if err != nil {
		s.opts.Log.WarnContext(ctx, "showtimes for a new-release email", "user", userID, "err", err)
		return nil
	}
	return shows
}
