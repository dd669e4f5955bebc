package booking

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// GuestContact is how a guest (a buyer without an account) is reached:
// an email, an optional phone, and the language of the page they bought on.
type GuestContact struct {
	Email string
	Phone string
	Lang  string
}

// ownedBy reports whether a booking whose user_id is row belongs to buyer:
// the account itself, or web.GuestBuyer for a booking without one (the
// handler checked the session's grant first).
func ownedBy(row *int64, buyer int64) bool {
	if row == nil {
		return buyer == web.GuestBuyer
	}
	return *row == buyer
}

// accountID is the account a buyer id stands for: 0 for a guest.
func accountID(buyer int64) int64 {
	if buyer == web.GuestBuyer {
		return 0
	}
	return buyer
}

// accountPtr is accountID for a nullable column: nil for a guest.
func accountPtr(buyer int64) *int64 {
	if buyer <= 0 {
		return nil
	}
	return &buyer
}

// ParseGuestContact checks a guest's email (required) and phone (optional,
// international: a + and 7-15 digits, as on the profile).
// Errors: validate.Errors on fields email and phone.
func ParseGuestContact(email, phone, lang string) (GuestContact, error) {
	e := validate.Errors{}
	g := GuestContact{Lang: lang}
	if a, err := mail.ParseAddress(strings.TrimSpace(email)); err != nil || a.Address != strings.TrimSpace(email) {
		e["email"] = i18n.Msg("Enter an email address like name@example.com.")
	} else {
		g.Email = a.Address
	}
	if p, ok := normalisePhone(phone); ok {
		g.Phone = p
	} else {
		e["phone"] = i18n.Msg("Enter the phone number with its country code, like +44 20 7946 0000, or leave it empty.")
	}
	if len(e) > 0 {
		return GuestContact{}, e
	}
	return g, nil
}

// normalisePhone keeps a leading + and the digits; "" is allowed.
func normalisePhone(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", true
	}
	var b strings.Builder
	for i, r := range raw {
		switch {
		case unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.':
		default:
			return "", false
		}
	}
	out := b.String()
	digits := strings.TrimPrefix(out, "+")
	return out, strings.HasPrefix(out, "+") && len(digits) >= 7 && len(digits) <= 15
}

// HoldGuest holds seats of a show for a guest, as Hold does for an
// account: the guest's earlier hold on the show (same email, no account)
// is replaced and MaxUnpaidHolds counts the email's unpaid holds.
// Errors: as Hold.
func (s *Service) HoldGuest(ctx context.Context, g GuestContact, showID int64, seats []string) (Booking, error) {
	if g.Email == "" {
		return Booking{}, validate.Errors{"email": i18n.Msg("Enter an email address like name@example.com.")}
	}
	b, err := s.hold(ctx, 0, g, showID, seats)
	s.opts.Events.Hold(holdResult(err))
	return b, err
}

// GuestAccessToken is the token of a guest booking's access link
// (/bookings/access/<token>): the booking id and an HMAC of it and the
// guest's email under the current ticket key, so rotating keys keeps old
// links working while their key is listed.
func (s *Service) GuestAccessToken(id int64, email string) string {
	kid := s.opts.Tickets.keys.current
	return strconv.FormatInt(id, 10) + "." + kid + "." + guestMAC(s.opts.Tickets.keys.keys[kid], id, email)
}

func guestMAC(key []byte, id int64, email string) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "guest-access:%d:%s", id, strings.ToLower(email))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// GuestLinkLife is how long after its show ends a guest booking's access
// token keeps working: the link in the email, and the app's guest token
// (the same token).
const GuestLinkLife = 30 * 24 * time.Hour

// ErrGuestLinkExpired: a guest booking's access token whose show ended more
// than GuestLinkLife ago. The booking is still found by code and email.
var ErrGuestLinkExpired = errors.New("this booking link has expired: links work until 30 days after the show. Find your booking with its code and email instead")

// OpenGuestAccess checks an access link's token and returns its booking.
// Errors: ErrNotFound (a bad token, or no such guest booking),
// ErrGuestLinkExpired (its show ended more than GuestLinkLife ago).
func (s *Service) OpenGuestAccess(ctx context.Context, token string) (int64, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return 0, ErrNotFound
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	key, ok := s.opts.Tickets.keys.keys[parts[1]]
	if err != nil || !ok {
		return 0, ErrNotFound
	}
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if err != nil || row.GuestEmail == nil || row.UserID != nil ||
		!hmac.Equal([]byte(guestMAC(key, id, *row.GuestEmail)), []byte(parts[2])) {
		return 0, fmt.Errorf("guest access to %d: %w", id, ErrNotFound)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return 0, fmt.Errorf("show of guest booking %d: %w", id, err)
	}
	if s.opts.Now().After(showEnd(d.Show).Add(GuestLinkLife)) {
		return 0, fmt.Errorf("guest access to %d: %w", id, ErrGuestLinkExpired)
	}
	return id, nil
}

// FindGuestBooking finds a guest booking by its code and email (either
// wrong: ErrNotFound, the same for both).
func (s *Service) FindGuestBooking(ctx context.Context, code, email string) (int64, error) {
	row, err := s.q.BookingGuestFind(ctx, s.pool, strings.ToUpper(strings.TrimSpace(code)))
	if err != nil || row.UserID != nil || row.GuestEmail == nil ||
		!strings.EqualFold(*row.GuestEmail, strings.TrimSpace(email)) {
		return 0, fmt.Errorf("find guest booking: %w", ErrNotFound)
	}
	return row.ID, nil
}

// ClaimGuestBookings gives userID the confirmed guest bookings made with
// email, which the caller knows is the account's verified email; each
// gets the event "claimed by account". It returns how many.
func (s *Service) ClaimGuestBookings(ctx context.Context, userID int64, email string) (int, error) {
	var n int
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		ids, err := s.q.BookingGuestClaim(ctx, tx, bookingdb.BookingGuestClaimParams{UserID: userID, Email: email})
		if err != nil {
			return fmt.Errorf("claim: %w", err)
		}
		for _, id := range ids {
			if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: id,
				Status: string(Confirmed), Note: "claimed by account"}); err != nil {
				return fmt.Errorf("record claim of %d: %w", id, err)
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("claim guest bookings of user %d: %w", userID, err)
	}
	return n, nil
}

// deref is a nullable text column's value ("" for NULL).
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
