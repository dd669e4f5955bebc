package booking_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

// ticketKey is a key entry "id:base64(32 bytes)" made of one repeated byte.
func ticketKey(id string, b byte) string {
	return id + ":" + base64.StdEncoding.EncodeToString([]byte(strings.Repeat(string(b), 32)))
}

func ticketSigner(t *testing.T, spec string) *booking.Tickets {
	t.Helper()
	keys, err := booking.ParseTicketKeys(spec)
	require.NoError(t, err)
	return booking.NewTickets(keys)
}

var ticketBooking = booking.Booking{ID: 7, Code: "K7M-4QX", ShowID: 42, Status: booking.Confirmed,
	Seats: []booking.BookedSeat{{Seat: "H3"}, {Seat: "H4"}}}

func TestTicketRoundTrip(t *testing.T) {
	t.Parallel()
	tickets := ticketSigner(t, ticketKey("t1", 'a'))
	token, err := tickets.Issue(ticketBooking)
	require.NoError(t, err)
	require.Regexp(t, `^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`, token, "compact and URL-safe")
	require.Less(t, len(token), 200, "small enough for an easy QR code")

	claims, err := tickets.Verify(token)
	require.NoError(t, err)
	require.Equal(t, "K7M-4QX", claims.Code)
	require.Equal(t, int64(42), claims.ShowID)
	require.Equal(t, []string{"H3", "H4"}, claims.Seats)
	require.Equal(t, "t1", claims.KeyID)
	require.WithinDuration(t, time.Now(), claims.IssuedAt, 5*time.Second)

	_, err = tickets.Issue(booking.Booking{ID: 8, Code: "K7M-4QX", ShowID: 42})
	require.Error(t, err, "a booking without seats gets no ticket")
}

func TestTicketTamperedOrForgedIsRefused(t *testing.T) {
	t.Parallel()
	tickets := ticketSigner(t, ticketKey("t1", 'a'))
	token, err := tickets.Issue(ticketBooking)
	require.NoError(t, err)
	body, mac, _ := strings.Cut(token, ".")

	raw, err := base64.RawURLEncoding.DecodeString(body)
	require.NoError(t, err)
	moreSeats := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(raw), `"H4"`, `"H4","H5"`, 1)))
	otherShow := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(raw), `"s":42`, `"s":43`, 1)))
	flipped := []byte(mac)
	flipped[5] ^= 1
	// The last of 43 characters carries 2 bits of the signature; setting
	// one of its 4 unused bits decodes leniently to the same bytes.
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	respelled := mac[:len(mac)-1] + string(alphabet[strings.IndexByte(alphabet, mac[len(mac)-1])|1])
	forged, err := ticketSigner(t, ticketKey("t1", 'z')).Issue(ticketBooking)
	require.NoError(t, err)
	unknownKid, err := ticketSigner(t, ticketKey("t9", 'a')).Issue(ticketBooking)
	require.NoError(t, err)

	for name, bad := range map[string]string{
		"a seat added":               moreSeats + "." + mac,
		"another show":               otherShow + "." + mac,
		"signature altered":          body + "." + string(flipped),
		"signature respelled":        body + "." + respelled,
		"signed with another key":    forged,
		"signed under an unknown id": unknownKid,
		"signature cut short":        body + "." + mac[:20],
		"no signature":               body + ".",
		"just a code":                "K7M-4QX",
		"empty":                      "",
		"garbage":                    "not.a-ticket",
		"huge":                       strings.Repeat("a", 5000) + "." + mac,
	} {
		_, err := tickets.Verify(bad)
		require.ErrorIs(t, err, booking.ErrTicketInvalid, name)
	}
}

func TestTicketKeyRotation(t *testing.T) {
	t.Parallel()
	before := ticketSigner(t, ticketKey("2030a", 'a'))
	old, err := before.Issue(ticketBooking)
	require.NoError(t, err)

	rotated := ticketSigner(t, ticketKey("2031b", 'b')+","+ticketKey("2030a", 'a'))
	claims, err := rotated.Verify(old)
	require.NoError(t, err, "tickets sent before the rotation still get in")
	require.Equal(t, "2030a", claims.KeyID)
	fresh, err := rotated.Issue(ticketBooking)
	require.NoError(t, err)
	claims, err = rotated.Verify(fresh)
	require.NoError(t, err)
	require.Equal(t, "2031b", claims.KeyID, "the first key signs")
	_, err = before.Verify(fresh)
	require.ErrorIs(t, err, booking.ErrTicketInvalid, "a server without the new key refuses its tickets")

	retired := ticketSigner(t, ticketKey("2031b", 'b'))
	_, err = retired.Verify(old)
	require.ErrorIs(t, err, booking.ErrTicketInvalid, "once the old key is dropped, its tickets stop working")
}

func TestParseTicketKeysRefusesWeakOrMalformedKeys(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{
		"",
		"t1",
		"t1:" + base64.StdEncoding.EncodeToString([]byte("too short")),
		"t1:not base64!",
		":" + base64.StdEncoding.EncodeToString(make([]byte, 32)),
		ticketKey("t1", 'a') + "," + ticketKey("t1", 'b'),
	} {
		_, err := booking.ParseTicketKeys(spec)
		require.Error(t, err, spec)
	}
}
