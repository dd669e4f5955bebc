package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/wneessen/go-mail"
)

// SMTP sends email through an SMTP server (Mailpit in compose, a provider
// in production).
type SMTP struct {
	host     string
	opts     []mail.Option
	from     string
	fromName string
}

// NewSMTP reads SMTP_URL: smtp://[user:pass@]host[:port][?tls=none|
// opportunistic|mandatory] (port 587, STARTTLS when offered) or
// smtps://[user:pass@]host[:port] (port 465, TLS from the start). from is
// MAIL_FROM, "Name <address>" or a bare address.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return nil, errors.New("want smtp://[user:pass@]host[:port] or smtps://[user:pass@]host[:port]")
	}
	name, addr, err := parseFrom(from)
	if err != nil {
		return nil, err
	}
	s := &SMTP{host: u.Hostname(), from: addr, fromName: name}
	s.opts = []mail.Option{mail.WithTimeout(15 * time.Second)}
	port := 587
	switch u.Scheme {
	case "smtp":
		policy := mail.TLSOpportunistic
		switch u.Query().Get("tls") {
		case "none":
			policy = mail.NoTLS
		case "mandatory":
			policy = mail.TLSMandatory
		case "", "opportunistic":
		default:
			return nil, errors.New("tls must be none, opportunistic or mandatory")
		}
		s.opts = append(s.opts, mail.WithTLSPolicy(policy))
	case "smtps":
		port = 465
		s.opts = append(s.opts, mail.WithSSL())
	default:
		return nil, errors.New("the scheme must be smtp or smtps")
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("bad port %q", p)
		}
	}
	s.opts = append(s.opts, mail.WithPort(port))
	if u.User != nil {
		pass, _ := u.User.Password()
		s.opts = append(s.opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(u.User.Username()), mail.WithPassword(pass))
	}
	return s, nil
}

// Provider is "smtp".
func (*SMTP) Provider() string { return "smtp" }

// SendEmail sends e over a new connection and returns its Message-ID.
// A 5xx answer (an address the server refuses) wraps ErrPermanent; a 4xx
// answer or a network failure is temporary.
func (s *SMTP) SendEmail(ctx context.Context, e Email) (string, error) {
	m := mail.NewMsg()
	if err := m.FromFormat(s.fromName, s.from); err != nil {
		return "", fmt.Errorf("from address: %w", err)
	}
	if err := m.AddToFormat(e.ToName, e.To); err != nil {
		return "", fmt.Errorf("address %q: %w: %w", e.To, ErrPermanent, err)
	}
	m.Subject(e.Subject)
	if e.MessageID != "" {
		m.SetMessageIDWithValue(e.MessageID)
	} else {
		m.SetMessageID()
	}
	for k, v := range e.Headers {
		m.SetGenHeader(mail.Header(k), v)
	}
	m.SetBodyString(mail.TypeTextPlain, e.Text)
	if e.HTML != "" {
		m.AddAlternativeString(mail.TypeTextHTML, e.HTML)
	}
	for _, in := range e.Inline {
		if err := m.EmbedReader(in.ContentID, bytes.NewReader(in.Data), mail.WithFileContentID(in.ContentID),
			mail.WithFileContentType(mail.ContentType(in.ContentType))); err != nil {
			return "", fmt.Errorf("inline image: %w", err)
		}
	}
	c, err := mail.NewClient(s.host, s.opts...)
	if err != nil {
		return "", fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		var se *mail.SendError
		if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
			return "", fmt.Errorf("smtp: %w: %w", ErrPermanent, err)
		}
		return "", fmt.Errorf("smtp: %w", err)
	}
	id := m.GetGenHeader(mail.HeaderMessageID)
	if len(id) > 0 {
		return id[0], nil
	}
	return "", nil
}

// parseFrom splits "Marquee <tickets@example.com>" into name and address.
func parseFrom(from string) (name, addr string, err error) {
	m := mail.NewMsg()
	if err := m.From(from); err != nil {
		return "", "", fmt.Errorf("MAIL_FROM %q: %w", from, err)
	}
	a := m.GetFrom()
	if len(a) == 0 {
		return "", "", fmt.Errorf("MAIL_FROM %q: no address", from)
	}
	return a[0].Name, a[0].Address, nil
}
