package notify_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
)

// TestTheREADMESaysWhereDevelopmentMailGoes: without a mail server, a
// message (its links carry sign-in and verification tokens) is kept for
// the admin Outbox and the log only says where to read it. The README
// must tell a developer that, not promise links in the log.
func TestTheREADMESaysWhereDevelopmentMailGoes(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	outbox := notify.Outbox{Log: slog.New(slog.NewTextHandler(&log, nil))}
	_, err := outbox.SendEmail(context.Background(), notify.Email{To: "ada@example.com", Subject: "Confirm your email",
		Text: "Confirm: http://localhost:8080/verify?token=tok-5ecret"})
	require.NoError(t, err)
	require.Contains(t, log.String(), "/admin/outbox", "the log says where the message is")
	require.NotContains(t, log.String(), "tok-5ecret", "tokens stay out of the log")

	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	doc := strings.Join(strings.Fields(string(readme)), " ")
	require.False(t, strings.Contains(doc, "links are written to the log"), "the README promises links in the log")
	require.True(t, strings.Contains(doc, "Without a mail server, every message, links included, waits in the admin Outbox at `/admin/outbox`"),
		"the README says where development mail is read")
}
