package account

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5"
)

// MessageKind names a message the account module sends.
type MessageKind string

// Account messages.
const (
	MsgVerifyEmail   MessageKind = "account.verify_email"
	MsgPasswordReset MessageKind = "account.password_reset"
	MsgAccountExists MessageKind = "account.exists" // someone tried to sign up with this address
	MsgEmailChange   MessageKind = "account.email_change"
)

// Message is one account message to one person.
type Message struct {
	Kind MessageKind
	To   string // email address
	Name string
	Link string // the action link, absolute
}

// Mailer sends account messages. Send runs inside the caller's transaction,
// so a message is sent exactly when the change that caused it commits (the
// notifications module enqueues a River job with InsertTx).
type Mailer interface {
	Send(ctx context.Context, tx pgx.Tx, m Message) error
}

// LogMailer is the development Mailer: it writes each message, link
// included, to the log, where a developer running `make run` reads it.
type LogMailer struct{ Log *slog.Logger }

// Send logs m.
func (l LogMailer) Send(ctx context.Context, _ pgx.Tx, m Message) error {
	l.Log.InfoContext(ctx, "development mail (no mail server configured)", "kind", m.Kind, "to", m.To, "link", m.Link)
	return nil
}
