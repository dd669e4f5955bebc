package notify_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/notify"
)

// TestBookingConfirmationSpeaksTheBuyersLanguage: the confirmation's
// subject, both email parts and the text message are in the language of
// the buyer's account, else the one the booking was made in, else English;
// the show's time is the theater's, written the language's way.
func TestBookingConfirmationSpeaksTheBuyersLanguage(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, account, booked string
		subject               string // with the booking's code after it
		text, html            []string
		sms                   []string
	}{
		{name: "account in Hindi", account: "hi", booked: "es", subject: "Hold Tight के आपके टिकट · ",
			text: []string{"नमस्ते Asha,", "आपकी बुकिंग पक्की हो गई है।", "कब: शुक्रवार, 14 मार्च, 7:30 pm", "सीटें: F7, F8",
				"संदेश सेटिंग: http://marquee.test/account/notifications"},
			html: []string{`<html lang="hi">`, "आप Hold Tight देखने जा रहे हैं", "यह कोड प्रवेश द्वार पर दिखाएँ।"},
			sms:  []string{"Marquee: बुकिंग MQ", " पक्की। Hold Tight, ", "सीटें F7, F8। टिकट: http://marquee.test/bookings/"}},
		{name: "account in Spanish", account: "es", subject: "Tus entradas para Hold Tight · ",
			text: []string{"Hola, Asha:", "Tu reserva está confirmada.", "Cuándo: viernes, 14 de marzo, 19:30", "Pagado: 21,50",
				"Ajustes de mensajes: http://marquee.test/account/notifications"},
			html: []string{`<html lang="es">`, "Vas a ver Hold Tight", "Muestra este código en la puerta."},
			sms:  []string{"Marquee: reserva MQ", " confirmada. Hold Tight, viernes, 14 de marzo, 19:30 en Test Cinema, butacas F7, F8."}},
		{name: "no account choice, booked in Spanish", booked: "es", subject: "Tus entradas para Hold Tight · ",
			text: []string{"Hola, Asha:"}, html: []string{`<html lang="es">`}, sms: []string{"confirmada."}},
		{name: "English", account: "en", booked: "hi", subject: "Your tickets for Hold Tight · ",
			text: []string{"Hi Asha,", "Your booking is confirmed.", "When: Friday 14 March, 19:30", "Paid: £21.50",
				"Message settings: http://marquee.test/account/notifications"},
			html: []string{`<html lang="en">`, "You&#39;re going to see Hold Tight", "Show this code at the door."},
			sms:  []string{"Marquee: booking MQ", " confirmed. Hold Tight, Friday 14 March, 19:30 at Test Cinema, seats F7, F8. Ticket: "}},
		{name: "nothing chosen", subject: "Your tickets for Hold Tight · ", text: []string{"Hi Asha,"},
			html: []string{`<html lang="en">`}, sms: []string{" confirmed. "}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tw, url := startTwilio(t)
			b := setup(t, func(o *notify.Options) { o.SMS = notify.NewTwilio(url, "AC123", "secret-token", "+15005550006") })
			u := b.userReading(t, tc.account)
			m := b.booking(u.ID, 48*time.Hour)
			m.Lang = tc.booked
			b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })

			eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 && tw.count() == 1 }, "the confirmation by email and text")
			got := b.smtp.to(u.Email)[0]
			require.Equal(t, tc.subject+m.Code, got.Subject)
			text, ok := got.part("text/plain")
			require.True(t, ok, "a plain-text part")
			for _, want := range tc.text {
				require.Contains(t, string(text.Body), want)
			}
			html, ok := got.part("text/html")
			require.True(t, ok, "an HTML part")
			for _, want := range tc.html {
				require.Contains(t, string(html.Body), want)
			}
			sms := tw.sent[0]["Body"]
			for _, want := range tc.sms {
				require.Contains(t, sms, want)
			}
			require.LessOrEqual(t, notify.SMSSegments(sms), notify.MaxSMSSegments, "the text %q", sms)
		})
	}
}

// userReading makes an account with a phone that wants booking texts and
// reads Marquee in lang ("" for not chosen).
func (b *testBundle) userReading(t *testing.T, lang string) account.User {
	t.Helper()
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "+44 7700 900123")
	_, err := b.pool.Exec(ctx, "UPDATE account.users SET lang = $2 WHERE id = $1", u.ID, lang)
	require.NoError(t, err)
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[notify.Transactional] = notify.Channels{Email: true, SMS: true}
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))
	return u
}

// TestTextsStayWithinThreeParts: every booking text, in every language,
// fits in three SMS parts even with a long title, a long cinema name and
// six seats (Hindi goes as UCS-2, 67 characters a part once split).
func TestTextsStayWithinThreeParts(t *testing.T) {
	t.Parallel()
	svc := notify.NewService(nil, nil, nil, nil, notify.Options{BaseURL: "https://tickets.marquee.example"})
	starts := time.Date(2031, 9, 17, 14, 0, 0, 0, time.UTC)
	m := notify.BookingMessage{BookingID: 1234567, UserID: 1, Code: "MQ7K2P9X", Movie: "The Grand Budapest Hotel Returns",
		Theater: "Marquee Phoenix Palladium Lower Parel", Screen: "Audi 4", TimeZone: "Asia/Kolkata", StartsAt: starts,
		OldStartsAt: starts.Add(-2 * time.Hour), Seats: []string{"F10", "F11", "F12", "F13", "F14", "F15"},
		Total: 240000, Refund: 240000, Currency: "INR", TicketPath: "/bookings/1234567/ticket", ByCinema: true}
	kinds := []notify.Kind{notify.KindBookingConfirmed, notify.KindBookingReminder, notify.KindBookingCancelled,
		notify.KindShowMoved, notify.KindPaymentFailed}
	for _, lang := range []string{"en", "hi", "es"} {
		for _, kind := range kinds {
			sms, err := notify.TextAbout(svc, lang, kind, m)
			require.NoError(t, err)
			require.NotEmpty(t, sms)
			require.LessOrEqual(t, notify.SMSSegments(sms), notify.MaxSMSSegments, "%s %s: %q", lang, kind, sms)
		}
	}
	hi, err := notify.TextAbout(svc, "hi", notify.KindBookingConfirmed, m)
	require.NoError(t, err)
	require.Contains(t, hi, "बुकिंग MQ7K2P9X पक्की", "the shorter Hindi text still says what happened")
}

func TestSMSSegmentsCountsPartsAsPhonesDo(t *testing.T) {
	t.Parallel()
	require.Equal(t, 1, notify.SMSSegments(strings.Repeat("a", 160)))
	require.Equal(t, 2, notify.SMSSegments(strings.Repeat("a", 161)))
	require.Equal(t, 2, notify.SMSSegments(strings.Repeat("€", 81)), "extension characters take two septets")
	require.Equal(t, 1, notify.SMSSegments(strings.Repeat("क", 70)))
	require.Equal(t, 2, notify.SMSSegments(strings.Repeat("क", 71)))
	require.Equal(t, 3, notify.SMSSegments("á"+strings.Repeat("a", 140)), "one accent sends the whole text as UCS-2")
}

// TestMessageSettingsPageInHindi: a buyer reading in Hindi gets the
// message settings page, its categories and its controls' names in Hindi.
func TestMessageSettingsPageInHindi(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	buyer, _ := b.srv.SignedIn(t, "Asha", account.Customer)
	req, err := http.NewRequest(http.MethodGet, b.srv.URL+"/account/notifications", nil)
	require.NoError(t, err)
	req.AddCookie(&http.Cookie{Name: "lang", Value: "hi"})
	res, page := buyer.Do(t, req)
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{"<h1>संदेश</h1>", "बुकिंग और खाता", "ऑफ़र और ख़बरें", "शांत समय",
		`aria-label="शो रिमाइंडर ईमेल से"`, "इस डिवाइस पर पुश सूचनाएँ", ">सहेजें</button>"} {
		require.Contains(t, page, want)
	}
	require.NotContains(t, page, "Quiet hours")
	require.NotContains(t, page, "Choose how we reach you")
}
