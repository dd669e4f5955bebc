package payments_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// receiptBundle is a show in a city, booking and payments wired with
// receipts as the app wires them, and the mails the issuing hook saw.
type receiptBundle struct {
	pool    *pgxpool.Pool
	booking *booking.Service
	pay     *payments.Service
	client  *river.Client[pgx.Tx]
	show    catalog.ShowDetail

	mu    sync.Mutex
	mails []payments.ReceiptMail
	// failIssue makes the issuing hook fail once for that payment, or for
	// the first one when -1 (its transaction rolls back).
	failIssue int64
}

type receiptOpts struct {
	// city is "London" (GBP), "Mumbai" or "Delhi" (INR).
	city string
	// taxBP is the ticket tax the booking adds (0: prices include it).
	taxBP int64
	// seats sizes the screen (10 when 0): one row of that many.
	seats int
	// pool is the database (a fresh one when nil), so a test can serve
	// the app over the same data.
	pool *pgxpool.Pool
}

// receiptSetup builds a show in o.city with a 10.00 standard seat and a
// 0.75 booking fee, and booking and payments over it with receipts on; a
// River client works their jobs.
func receiptSetup(t *testing.T, o receiptOpts) *receiptBundle {
	t.Helper()
	ctx := context.Background()
	pool := o.pool
	if pool == nil {
		pool = pgtest.New(t)
	}
	cat := catalog.NewService(pool, catalog.Options{})
	b := &receiptBundle{pool: pool}
	b.show = receiptShow(t, cat, o)

	inserter, err := jobs.New(pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	pricing := booking.PricingPolicy{Default: booking.Charges{FeePerTicket: 75, TaxBasisPoints: o.taxBP}}
	b.booking = booking.NewService(pool, cat, booking.RiverJobs{Client: inserter},
		booking.Options{Pricing: &pricing, Refunds: payments.NewRefunds(&payments.RiverJobs{Client: inserter})})
	b.pay, err = payments.NewService(pool, b.booking, &payments.RiverJobs{Client: inserter}, payments.Options{
		Provider: payments.ProviderTest, Receipts: payments.ReceiptOptions{Facts: b.booking, Issued: b.issued,
			Buyer: func(_ context.Context, id int64) (string, string, error) {
				return fmt.Sprintf("Buyer %d", id), fmt.Sprintf("buyer%d@example.com", id), nil
			}}})
	require.NoError(t, err)

	workers := river.NewWorkers()
	booking.Workers(workers, b.booking)
	payments.Workers(workers, b.pay)
	b.client, err = jobs.New(pool, jobs.Options{Workers: workers, RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(ctx)
	require.NoError(t, b.client.Start(runCtx))
	t.Cleanup(func() {
		cancel()
		stopCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = b.client.Stop(stopCtx)
	})
	return b
}

// issued is the issuing hook: it records the mail, or fails once for
// failIssue.
func (b *receiptBundle) issued(_ context.Context, _ pgx.Tx, m payments.ReceiptMail) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if m.Kind != payments.KindCreditNote && b.failIssue != 0 && (b.failIssue == m.PaymentID || b.failIssue == -1) {
		b.failIssue = 0
		return fmt.Errorf("mail for %s refused", m.Number)
	}
	b.mails = append(b.mails, m)
	return nil
}

// sent are the mails the issuing hook was given.
func (b *receiptBundle) sent() []payments.ReceiptMail {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.mails)
}

// receiptShow makes a city, a theater in it with a 10.00 standard seat, a
// screen, a film and a show tomorrow.
func receiptShow(t *testing.T, cat *catalog.Service, o receiptOpts) catalog.ShowDetail {
	t.Helper()
	ctx := context.Background()
	if o.city == "" {
		o.city = "London"
	}
	if o.seats == 0 {
		o.seats = 10
	}
	tz, cur := "Europe/London", "GBP"
	if o.city != "London" {
		tz, cur = "Asia/Kolkata", "INR"
	}
	slug := strings.ToLower(o.city)
	require.NoError(t, cat.SaveCity(ctx, catalog.City{Name: o.city, TimeZone: tz, Currency: cur}))
	th, err := cat.CreateTheater(ctx, catalog.TheaterInput{Name: o.city + " Talkies", CitySlug: slug, TimeZone: tz,
		TrailerMinutes: 10, CleaningMinutes: 10})
	require.NoError(t, err)
	require.NoError(t, cat.SetPriceRule(ctx, catalog.PriceRule{TheaterID: th.ID, DayKind: catalog.AnyDay,
		Daypart: catalog.AnyTime, Category: catalog.Standard, Amount: 1000}))
	layout, err := catalog.NewLayout(1, o.seats)
	require.NoError(t, err)
	sc, err := cat.CreateScreen(ctx, th.ID, catalog.ScreenInput{Name: "Screen 1", Formats: []string{"2D"}, Layout: layout})
	require.NoError(t, err)
	m, err := cat.CreateMovie(ctx, catalog.MovieInput{Title: "Receipts Please", RuntimeMinutes: 100,
		ReleaseDate: time.Now().AddDate(0, 0, -3), Certification: "PG", OriginalLanguage: "English",
		Genres: []string{"Drama"}, Formats: []string{"2D"}, Status: catalog.NowShowing})
	require.NoError(t, err)
	show, err := cat.ScheduleShow(ctx, catalog.ShowInput{MovieID: m.ID, ScreenID: sc.ID, StartsAt: time.Now().Add(26 * time.Hour),
		Language: "English", Format: "2D"})
	require.NoError(t, err)
	d, err := cat.ShowDetail(ctx, show.ID)
	require.NoError(t, err)
	return d
}

// seller sets the seller of the show's chain.
func (b *receiptBundle) seller(t *testing.T, s payments.Seller) {
	t.Helper()
	s.ChainID = b.show.Theater.ChainID
	_, err := b.pay.SaveSeller(context.Background(), s)
	require.NoError(t, err)
}

// paid has user (web.GuestBuyer: a guest) pay for seats with the test card and returns the booking
// and its payment once the payment succeeded.
func (b *receiptBundle) paid(t *testing.T, user int64, seats ...string) (booking.Booking, int64) {
	t.Helper()
	ctx := context.Background()
	var (
		h   booking.Booking
		err error
	)
	if user == web.GuestBuyer {
		h, err = b.booking.HoldGuest(ctx, booking.GuestContact{Email: "guest@example.com"}, b.show.ID, seats)
	} else {
		h, err = b.booking.Hold(ctx, user, b.show.ID, seats)
	}
	require.NoError(t, err)
	_, err = b.booking.Checkout(ctx, user, h.ID)
	require.NoError(t, err)
	req, err := b.booking.StartPayment(ctx, user, h.ID)
	require.NoError(t, err)
	path, err := b.pay.Begin(ctx, req)
	require.NoError(t, err)
	var id int64
	_, err = fmt.Sscanf(path, "/pay/%d", &id)
	require.NoError(t, err)
	_, err = b.pay.PayWithTestCard(ctx, user, id, card("4242424242424242"))
	require.NoError(t, err)
	eventually(t, func() bool {
		c, err := b.pay.PaymentForBuyer(ctx, user, id)
		return err == nil && c.Payment.State == payments.Succeeded
	}, "the payment succeeds")
	bk, err := b.booking.Booking(ctx, user, h.ID)
	require.NoError(t, err)
	return bk, id
}

// documents counts the documents stored for a payment.
func (b *receiptBundle) documents(t *testing.T, paymentID int64) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM payments.receipts WHERE payment_id = $1", paymentID).Scan(&n))
	return n
}
