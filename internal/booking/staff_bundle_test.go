package booking_test

import (
	"context"
	"errors"
	"image"
	"image/color"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// staffBundle is booking with e-tickets and the staff pages behind the real
// middleware and sign-in, a clock the test sets, and a second show an hour
// after the first film ends.
type staffBundle struct {
	*testBundle
	accounts *account.Service
	tickets  *booking.Tickets
	later    catalog.Show
	server   *httptest.Server
	mu       sync.Mutex
	now      time.Time
}

const staffPassword = "velvet-curtain-popcorn-42"

func staffSetup(t *testing.T) *staffBundle {
	t.Helper()
	sb := &staffBundle{now: time.Now()}
	sb.testBundle = setup(t, booking.Options{Now: sb.clock})
	later, err := sb.catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: sb.show.MovieID,
		ScreenID: sb.show.ScreenID, StartsAt: sb.show.StartsAt.Add(3 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	sb.later = later
	keys, err := booking.ParseTicketKeys(ticketKey("door1", 'k'))
	require.NoError(t, err)
	sb.tickets = booking.NewTickets(keys)

	sessions := account.NewSessionManager(sb.pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 1 << 20,
		Statuses: slices.Concat(web.CommonStatuses, booking.ErrorStatuses, catalog.ErrorStatuses)})
	sb.accounts = account.NewService(sb.pool, account.Options{})
	acc := account.NewHandler(sb.accounts, sessions, nil)
	e.Use(acc.CurrentUser())
	acc.Routes(e)
	h := booking.NewHandler(sb.svc, booking.HandlerOptions{Sessions: sessions, RequireUser: acc.RequireUser,
		RequireStaff: acc.RequireStaff, UserID: func(c echo.Context) int64 {
			if u := webctx.From(c.Request().Context()).User; u != nil {
				return u.ID
			}
			return 0
		}})
	h.Routes(e)
	h.StaffRoutes(e, booking.StaffOptions{Tickets: sb.tickets, Users: staffUsers{sb.accounts}, Schedule: sb.catalog})
	sb.server = httptest.NewServer(e)
	t.Cleanup(sb.server.Close)
	return sb
}

// staffUsers is the adapter main writes over the account service.
type staffUsers struct{ accounts *account.Service }

func (u staffUsers) UserIDByEmail(ctx context.Context, email string) (int64, error) {
	usr, err := u.accounts.UserByEmail(ctx, email)
	if errors.Is(err, account.ErrNotFound) {
		return 0, nil
	}
	return usr.ID, err
}

func (sb *staffBundle) clock() time.Time {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	return sb.now
}

func (sb *staffBundle) setClock(at time.Time) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.now = at
}

// doorsOpen moves the clock to half an hour before the first show.
func (sb *staffBundle) doorsOpen() { sb.setClock(sb.show.StartsAt.Add(-30 * time.Minute)) }

// sold books seats of show for user, prices them at checkout and confirms
// the payment.
func (sb *staffBundle) sold(t *testing.T, userID int64, show catalog.Show, seats ...string) booking.Booking {
	t.Helper()
	bk, err := sb.svc.Hold(context.Background(), userID, show.ID, seats)
	require.NoError(t, err)
	_, err = sb.svc.Checkout(context.Background(), userID, bk.ID)
	require.NoError(t, err)
	require.NoError(t, sb.confirm(t, bk.ID))
	return bk
}

// ticket is the e-ticket token of a booking, as its QR code carries it.
func (sb *staffBundle) ticket(t *testing.T, bk booking.Booking) string {
	t.Helper()
	token, err := sb.tickets.Issue(bk)
	require.NoError(t, err)
	return token
}

func (sb *staffBundle) checkedInAt(t *testing.T, id int64) *time.Time {
	t.Helper()
	var at *time.Time
	require.NoError(t, sb.pool.QueryRow(context.Background(), "SELECT checked_in_at FROM booking.bookings WHERE id = $1", id).Scan(&at))
	return at
}

// staffBrowser is a signed-in browser (no redirects followed).
type staffBrowser struct {
	sb *staffBundle
	*webtest.Browser
	id int64
}

func (sb *staffBundle) browser(t *testing.T, name string, role account.Role) *staffBrowser {
	t.Helper()
	br := &staffBrowser{sb: sb, Browser: webtest.NewBrowser(t, sb.server.URL)}
	if name == "" {
		return br
	}
	email := strings.ToLower(name) + "@example.com"
	u, err := sb.accounts.CreateUser(context.Background(), account.NewUser{Email: email, Name: name,
		Password: staffPassword, Role: role, Verified: true})
	require.NoError(t, err)
	br.id = u.ID
	br.SignIn(t, email, staffPassword)
	return br
}

// scan is the door's htmx form post of what the scanner read.
func (br *staffBrowser) scan(t *testing.T, read string, showID int64) (int, string) {
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
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	require.NoError(t, err, "the QR code decodes")
	return res.GetText()
}
