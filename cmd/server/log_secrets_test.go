package main

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

// jwtOrTicket matches a base64url-encoded JSON object ("{" and a quote),
// how JWTs and signed e-tickets begin.
var jwtOrTicket = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}`)

// TestTheLogHoldsNoSecretsOfABuyersJourney runs a whole buyer journey with
// the app's log captured at debug level, and reads every line for the
// password (right and wrong), the session cookies, the API access and
// refresh tokens, anything shaped like a JWT or e-ticket, the card number
// and the full phone number. Logs are read by more people than the
// database is, and kept longer.
func TestTheLogHoldsNoSecretsOfABuyersJourney(t *testing.T) {
	t.Parallel()
	out := &syncBuffer{}
	s := apptest.New(t, apptest.Options{Log: slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	runJobs(t, s)
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{Title: "Quiet Logs"})
	sec := buyerJourney(t, s, show.ID)
	require.Eventually(t, func() bool { // the confirmation and the cancellation went out, on every channel
		var sent, open int
		require.NoError(t, s.Pool.QueryRow(context.Background(), `SELECT
			count(*) FILTER (WHERE d.status = 'sent' AND m.kind IN ('booking.confirmed', 'booking.cancelled')),
			count(*) FILTER (WHERE d.status IN ('pending', 'sending'))
			FROM notify.messages m LEFT JOIN notify.deliveries d ON d.message_id = m.id`).Scan(&sent, &open))
		return sent >= 2 && open == 0
	}, 2*time.Minute, 50*time.Millisecond, "the booking's messages are delivered")

	secrets := map[string]string{"password": journeyPassword, "wrong password": journeyPassword + "x",
		"access token": sec.AccessToken, "refresh token": sec.RefreshToken, "refreshed access token": sec.RefreshedAccess,
		"refreshed refresh token": sec.RefreshedToken, "card number": journeyCard,
		"card number without spaces": strings.ReplaceAll(journeyCard, " ", ""),
		"phone number":               journeyPhone, "phone number's digits": strings.TrimPrefix(journeyPhone, "+44")}
	for i, c := range sec.Cookies {
		if len(c) >= 16 {
			secrets["cookie "+string(rune('a'+i))] = c
		}
	}
	lines := strings.Split(out.String(), "\n")
	require.Greater(t, len(lines), 10, "the journey was logged")
	for _, line := range lines {
		for what, secret := range secrets {
			require.NotContains(t, line, secret, "the log shows the %s", what)
		}
		require.False(t, jwtOrTicket.MatchString(line), "the log shows a signed token: %s", line)
	}
}
