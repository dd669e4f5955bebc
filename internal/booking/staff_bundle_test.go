package booking_test

import (
	"context"
	"image"
	"image/color"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
)

// staffSetup is the whole app with a clock the test sets, e-tickets signed
// with a key the test knows, and a second show an hour after the first
// film ends.
func staffSetup(t *testing.T) *testBundle {
	t.Helper()
	key := ticketKey("door1", 'k')
	sb := clockedSetup(t, apptest.Options{Env: map[string]string{"TICKET_KEYS": key}})
	later, err := sb.catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: sb.show.MovieID,
		ScreenID: sb.show.ScreenID, StartsAt: sb.show.StartsAt.Add(3 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	sb.later = later
	keys, err := booking.ParseTicketKeys(key)
	require.NoError(t, err)
	sb.tickets = booking.NewTickets(keys)
	return sb
}

// doorsOpen moves the clock to half an hour before the first show.
func (sb *testBundle) doorsOpen() { sb.clock.set(sb.show.StartsAt.Add(-30 * time.Minute)) }

// sold books seats of show for user, prices them at checkout and confirms
// the payment.
func (sb *testBundle) sold(t *testing.T, userID int64, show catalog.Show, seats ...string) booking.Booking {
	t.Helper()
	bk, err := sb.svc.Hold(context.Background(), userID, show.ID, seats)
	require.NoError(t, err)
	_, err = sb.svc.Checkout(context.Background(), userID, bk.ID)
	require.NoError(t, err)
	require.NoError(t, sb.confirm(t, bk.ID))
	return bk
}

// ticket is the e-ticket token of a booking, as its QR code carries it.
func (sb *testBundle) ticket(t *testing.T, bk booking.Booking) string {
	t.Helper()
	token, err := sb.tickets.Issue(bk)
	require.NoError(t, err)
	return token
}

func (sb *testBundle) checkedInAt(t *testing.T, id int64) *time.Time {
	t.Helper()
	var at *time.Time
	require.NoError(t, sb.pool.QueryRow(context.Background(), "SELECT checked_in_at FROM booking.bookings WHERE id = $1", id).Scan(&at))
	return at
}

// scan is the door's htmx form post of what the scanner read.
func (br *testBrowser) scan(t *testing.T, read string, showID int64) (int, string) {
	t.Helper()
	form := url.Values{"q": {read}}
	if showID != 0 {
		form.Set("show", strconv.FormatInt(showID, 10))
	}
	res, body := br.Post(t, "/admin/checkin", form, "HX-Request", "true")
	return res.StatusCode, body
}

var (
	staffQRSVG     = regexp.MustCompile(`<svg class="tk__qr" viewBox="0 0 (\d+) \d+"[^>]*>.*?<path d="([^"]+)"`)
	staffQRSegment = regexp.MustCompile(`M(\d+) (\d+)h(\d+)`)
)

// staffReadQR reads the ticket page's QR code the way a camera would: it
// draws the SVG's modules and decodes the picture.
func staffReadQR(t *testing.T, page string) string {
	t.Helper()
	m := staffQRSVG.FindStringSubmatch(page)
	require.NotNil(t, m, "the page has a QR code")
	size, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	const scale = 4
	img := image.NewGray(image.Rect(0, 0, size*scale, size*scale))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for _, seg := range staffQRSegment.FindAllStringSubmatch(m[2], -1) {
		x, _ := strconv.Atoi(seg[1])
		y, _ := strconv.Atoi(seg[2])
		run, _ := strconv.Atoi(seg[3])
		for px := x * scale; px < (x+run)*scale; px++ {
			for py := y * scale; py < (y+1)*scale; py++ {
				img.SetGray(px, py, color.Gray{})
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	require.NoError(t, err)
	res, err := qrcode.NewQRCodeReader().Decode(bmp, pureQR)
	require.NoError(t, err, "the QR code decodes")
	return res.GetText()
}

// pureQR tells the decoder the image is a QR code alone, drawn on a grid
// with its quiet zone, as a door scanner sees the ticket: without it,
// gozxing's finder-pattern guess misreads about one random code in a
// hundred (dimension errors).
var pureQR = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}
