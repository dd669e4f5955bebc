package booking

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrTicketInvalid: a scanned e-ticket is malformed, altered, forged or
// signed with a key this server does not know.
var ErrTicketInvalid = errors.New("this ticket's QR code is not valid: it may be forged, altered or damaged")

// ticketMACContext separates ticket signatures from anything else a key
// might ever sign.
const ticketMACContext = "marquee-ticket-v1."

// maxTicketLen bounds what Verify reads (a real ticket is ~150 characters).
const maxTicketLen = 2048

// TicketKeys sign and verify e-tickets (HMAC-SHA256). The first key signs;
// every key verifies, so after a rotation the tickets already sent out keep
// working for as long as the old key stays listed.
type TicketKeys struct {
	current string
	keys    map[string][]byte
}

// ParseTicketKeys reads "id:base64secret,id2:base64secret2" (standard
// base64, secrets of at least 32 bytes, distinct ids).
func ParseTicketKeys(spec string) (*TicketKeys, error) {
	k := &TicketKeys{keys: map[string][]byte{}}
	for i, part := range strings.Split(spec, ",") {
		id, enc, ok := strings.Cut(strings.TrimSpace(part), ":")
		secret, err := base64.StdEncoding.DecodeString(enc)
		if !ok || id == "" || err != nil || len(secret) < 32 {
			return nil, fmt.Errorf("ticket key %d: want id:base64(at least 32 bytes)", i+1)
		}
		if _, dup := k.keys[id]; dup {
			return nil, fmt.Errorf("ticket key %d: id %q is listed twice", i+1, id)
		}
		if i == 0 {
			k.current = id
		}
		k.keys[id] = secret
	}
	return k, nil
}

// Tickets issues the signed tokens an e-ticket's QR code carries and
// checks them at the door.
type Tickets struct {
	keys *TicketKeys
	now  func() time.Time
}

// NewTickets returns the e-ticket signer over keys.
func NewTickets(keys *TicketKeys) *Tickets { return &Tickets{keys: keys, now: time.Now} }

// TicketClaims is what a verified ticket says.
type TicketClaims struct {
	KeyID    string
	Code     string
	ShowID   int64
	Seats    []string
	IssuedAt time.Time
	// Epoch is the booking's ticket epoch when the ticket was issued; the
	// door refuses a ticket of an older epoch (the booking was passed on).
	Epoch int
}

// ticketPayload is the signed JSON, with short names to keep the QR code
// small.
type ticketPayload struct {
	Kid    string   `json:"k"`
	Code   string   `json:"c"`
	Show   int64    `json:"s"`
	Seats  []string `json:"st"`
	Issued int64    `json:"i"`
	Epoch  int      `json:"e,omitempty"`
}

// Issue signs a ticket for booking b: base64url(payload).base64url(mac).
// It does not check b's status; the ticket page only issues for confirmed
// bookings and the door checks the booking again.
func (t *Tickets) Issue(b Booking) (string, error) {
	if t == nil || t.keys == nil || t.keys.current == "" {
		return "", errors.New("issue ticket: no ticket keys configured")
	}
	if b.Code == "" || b.ShowID <= 0 || len(b.Seats) == 0 {
		return "", fmt.Errorf("issue ticket for booking %d: it has no code, show or seats", b.ID)
	}
	p := ticketPayload{Kid: t.keys.current, Code: b.Code, Show: b.ShowID, Issued: t.now().Unix(), Epoch: b.TicketEpoch}
	for _, s := range b.Seats {
		p.Seats = append(p.Seats, s.Seat)
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("issue ticket for booking %d: %w", b.ID, err)
	}
	body := base64.RawURLEncoding.EncodeToString(raw)
	return body + "." + base64.RawURLEncoding.EncodeToString(ticketMAC(t.keys.keys[p.Kid], body)), nil
}

// Verify checks a ticket's signature in constant time and returns what it
// says. It does not look at the booking: the caller checks that the booking
// is still confirmed and the show is on. Errors: ErrTicketInvalid.
func (t *Tickets) Verify(token string) (TicketClaims, error) {
	token = strings.TrimSpace(token)
	body, sig, ok := strings.Cut(token, ".")
	if !ok || body == "" || sig == "" || len(token) > maxTicketLen || t == nil || t.keys == nil {
		return TicketClaims{}, ErrTicketInvalid
	}
	// Strict decoding: a token has exactly one spelling, so no altered
	// string (not even in the unused bits of its last character) passes.
	enc := base64.RawURLEncoding.Strict()
	mac, err := enc.DecodeString(sig)
	if err != nil {
		return TicketClaims{}, ErrTicketInvalid
	}
	raw, err := enc.DecodeString(body)
	if err != nil {
		return TicketClaims{}, ErrTicketInvalid
	}
	// The key id is read before the signature is checked (it picks the
	// key); nothing else in the payload is trusted until then.
	var p ticketPayload
	if err := json.Unmarshal(raw, &p); err != nil {
		return TicketClaims{}, ErrTicketInvalid
	}
	key, known := t.keys.keys[p.Kid]
	if !known || !hmac.Equal(mac, ticketMAC(key, body)) {
		return TicketClaims{}, ErrTicketInvalid
	}
	if p.Code == "" || p.Show <= 0 || len(p.Seats) == 0 || p.Epoch < 0 {
		return TicketClaims{}, ErrTicketInvalid
	}
	return TicketClaims{KeyID: p.Kid, Code: p.Code, ShowID: p.Show, Seats: p.Seats, IssuedAt: time.Unix(p.Issued, 0).UTC(), Epoch: p.Epoch}, nil
}

func ticketMAC(key []byte, body string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(ticketMACContext))
	m.Write([]byte(body))
	return m.Sum(nil)
}
