package notify_test

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"
)

// smtpServer is a real SMTP server for tests: it keeps what it accepts and
// can refuse messages, temporarily or for good.
type smtpServer struct {
	addr string
	mu   sync.Mutex
	got  []received
	// tempFailures refuses the next n messages with 451.
	tempFailures int
	// refuse answers 550 for these recipients.
	refuse map[string]bool
}

// received is one accepted email, parsed.
type received struct {
	From    string
	To      []string
	Header  mail.Header
	Subject string
	Parts   []part
	Raw     []byte
	At      time.Time
}

type part struct {
	ContentType string
	ContentID   string
	Body        []byte
}

func startSMTP(t testing.TB) *smtpServer {
	t.Helper()
	s := &smtpServer{refuse: map[string]bool{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &smtpSession{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return s
}

// URL is the SMTP_URL of the server.
func (s *smtpServer) URL() string { return "smtp://" + s.addr + "?tls=none" }

func (s *smtpServer) failNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tempFailures = n
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

// to returns the messages accepted for addr.
func (s *smtpServer) to(addr string) []received {
	var out []received
	for _, m := range s.messages() {
		for _, r := range m.To {
			if r == addr {
				out = append(out, m)
			}
		}
	}
	return out
}

type smtpSession struct {
	srv  *smtpServer
	from string
	to   []string
}

func (x *smtpSession) Reset()        { x.from, x.to = "", nil }
func (x *smtpSession) Logout() error { return nil }
func (x *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}

func (x *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.srv.mu.Lock()
	defer x.srv.mu.Unlock()
	if x.srv.refuse[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *smtpSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.srv.mu.Lock()
	defer x.srv.mu.Unlock()
	if x.srv.tempFailures > 0 {
		x.srv.tempFailures--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	rec := received{From: x.from, To: x.to, Header: msg.Header, Subject: subject, Raw: raw, At: time.Now()}
	body, _ := io.ReadAll(msg.Body)
	rec.Parts = parts(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", body)
	x.srv.got = append(x.srv.got, rec)
	return nil
}

// parts flattens a MIME tree into its leaves, decoded.
func parts(contentType, encoding, contentID string, body []byte) []part {
	mt, params, _ := mime.ParseMediaType(contentType)
	if strings.HasPrefix(mt, "multipart/") {
		var out []part
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return out
			}
			b, _ := io.ReadAll(p)
			out = append(out, parts(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"),
				p.Header.Get("Content-ID"), b)...)
		}
	}
	return []part{{ContentType: mt, ContentID: strings.Trim(contentID, "<>"), Body: decode(encoding, body)}}
}

func decode(encoding string, b []byte) []byte {
	switch strings.ToLower(encoding) {
	case "base64":
		out, _ := io.ReadAll(newBase64(bytes.NewReader(b)))
		return out
	case "quoted-printable":
		out, _ := io.ReadAll(newQP(bytes.NewReader(b)))
		return out
	}
	return b
}

// acceptedAt is when the server accepted r.
func (s *smtpServer) acceptedAt(r received) time.Time { return r.At }

// part returns the first leaf of the media type.
func (r received) part(mediaType string) (part, bool) {
	for _, p := range r.Parts {
		if p.ContentType == mediaType {
			return p, true
		}
	}
	return part{}, false
}
