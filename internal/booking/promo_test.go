package booking_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// promoHold holds seats for user and fails the test if it can't.
func promoHold(t *testing.T, b *testBundle, user int64, seats ...string) booking.Booking {
	t.Helper()
	bk, err := b.svc.Hold(context.Background(), user, b.show.ID, seats)
	require.NoError(t, err)
	return bk
}

// promoCreate makes a promo code.
func promoCreate(t *testing.T, b *testBundle, in booking.PromoInput) booking.Promo {
	t.Helper()
	if in.Kind == "" {
		in.Kind, in.PercentOff = booking.PercentOff, 25
	}
	p, err := b.svc.CreatePromo(context.Background(), in)
	require.NoError(t, err)
	return p
}

// promoRefusal applies code and returns the message it was refused with.
func promoRefusal(t *testing.T, b *testBundle, user, bookingID int64, code string) string {
	t.Helper()
	_, err := b.svc.ApplyPromo(context.Background(), user, bookingID, code)
	fields, ok := validate.Fields(err)
	require.True(t, ok, "code %q: want a refusal, got %v", code, err)
	return fields["code"]
}

func TestApplyPromoDiscountsAndStoresTheAmounts(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	promoCreate(t, b, booking.PromoInput{Code: "Spring25"})
	bk := promoHold(t, b, 1, "C5", "C6")

	co, err := b.svc.ApplyPromo(ctx, 1, bk.ID, "  spring25 ")
	require.NoError(t, err, "codes match in any case")
	require.Equal(t, "SPRING25", co.Price.PromoCode)
	require.Equal(t, int64(500), co.Price.Discount, "25% of two £10 seats")
	require.Equal(t, int64(2000-500+150), co.Booking.Total)

	var fee, discount, total int64
	var code string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT fee_minor, discount_minor, total_minor, promo_code FROM booking.bookings WHERE id = $1",
		bk.ID).Scan(&fee, &discount, &total, &code))
	require.Equal(t, []any{int64(150), int64(500), int64(1650), "SPRING25"}, []any{fee, discount, total, code},
		"the booking row carries what the buyer will be charged")

	co, err = b.svc.RemovePromo(ctx, 1, bk.ID)
	require.NoError(t, err)
	require.Zero(t, co.Price.Discount)
	require.Equal(t, int64(2150), co.Booking.Total)
}

func TestApplyPromoExplainsEveryRefusal(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	bk := promoHold(t, b, 1, "C5", "C6")
	today := time.Now().UTC()
	showDay := b.show.StartsAt.In(time.UTC)
	off, err := b.svc.CreatePromo(ctx, booking.PromoInput{Code: "GONE", Kind: booking.PercentOff, PercentOff: 10})
	require.NoError(t, err)
	require.NoError(t, b.svc.DeactivatePromo(ctx, off.ID))
	promoCreate(t, b, booking.PromoInput{Code: "OLD", ValidUntil: today.AddDate(0, 0, -2)})
	promoCreate(t, b, booking.PromoInput{Code: "OTHERFILM", MovieIDs: []int64{b.show.MovieID + 1000}})
	promoCreate(t, b, booking.PromoInput{Code: "ELSEWHERE", TheaterIDs: []int64{b.show.TheaterID + 1000}})
	promoCreate(t, b, booking.PromoInput{Code: "NEXTWEEK", ValidFrom: showDay.AddDate(0, 0, 5), ValidUntil: showDay.AddDate(0, 0, 9)})
	promoCreate(t, b, booking.PromoInput{Code: "DOLLARS", Kind: booking.AmountOff, AmountOff: 300, Currency: "USD"})
	promoCreate(t, b, booking.PromoInput{Code: "GROUP3", MinTickets: 3})
	for code, want := range map[string]string{
		"":          "Enter a promo code.",
		"'; DROP--": "That doesn't look like a promo code.",
		"NOPE42":    "We don't recognise the code NOPE42.",
		"gone":      "This code is no longer available.",
		"OLD":       "This code expired on " + today.AddDate(0, 0, -2).Format("2 January 2006") + ".",
		"OTHERFILM": "This code isn't valid for Hold Tight.",
		"ELSEWHERE": "This code isn't valid at Test Cinema.",
		"NEXTWEEK":  "isn't valid for shows on",
		"DOLLARS":   "This code can't be used for prices in GBP.",
		"GROUP3":    "This code needs at least 3 tickets in one booking.",
	} {
		require.Contains(t, promoRefusal(t, b, 1, bk.ID, code), want, "code %q", code)
	}
	_, err = b.svc.ApplyPromo(ctx, 2, bk.ID, "GROUP3")
	require.ErrorIs(t, err, booking.ErrNotFound, "another buyer's booking does not exist for them")
	got, err := b.svc.BookingDetail(ctx, 1, bk.ID)
	require.NoError(t, err)
	require.Empty(t, got.Price.PromoCode, "no refused code sticks")
}

func TestPromoLastUseGoesToExactlyOneOfManyBuyers(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	promoCreate(t, b, booking.PromoInput{Code: "LAST3", MaxUses: 3})
	for user := int64(100); user < 102; user++ {
		bk := promoHold(t, b, user, fmt.Sprintf("B%d", user-99))
		_, err := b.svc.ApplyPromo(ctx, user, bk.ID, "LAST3")
		require.NoError(t, err)
	}
	const buyers = 20
	ids := make([]int64, buyers)
	for i := range ids {
		ids[i] = promoHold(t, b, int64(i+1), fmt.Sprintf("D%d", i+1)).ID
	}
	var wg sync.WaitGroup
	errs := make([]error, buyers)
	start := make(chan struct{})
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = b.svc.ApplyPromo(ctx, int64(i+1), ids[i], "LAST3")
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		fields, ok := validate.Fields(err)
		require.True(t, ok, "unexpected error %v", err)
		require.Equal(t, "This code has been used up.", fields["code"])
	}
	require.Equal(t, 1, won, "exactly one buyer gets the last use")
	var n int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM booking.promo_redemptions").Scan(&n))
	require.Equal(t, 3, n)
}

func TestPromoPerUserLimit(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	promoCreate(t, b, booking.PromoInput{Code: "ONCE", MaxUsesPerUser: 1})
	promoCreate(t, b, booking.PromoInput{Code: "TWICE", MaxUsesPerUser: 2})
	// One buyer's three bookings, for three shows (a new hold on the same
	// show would replace the last).
	first := promoHold(t, b, 1, "C1")
	var held []booking.Booking
	for i := range 2 {
		show, err := b.catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: b.show.MovieID, ScreenID: b.show.ScreenID,
			StartsAt: b.show.StartsAt.Add(time.Duration(i+1) * 3 * time.Hour), Language: "English", Format: "2D"})
		require.NoError(t, err)
		bk, err := b.svc.Hold(ctx, 1, show.ID, []string{"C1"})
		require.NoError(t, err)
		held = append(held, bk)
	}
	second, third := held[0], held[1]
	_, err := b.svc.ApplyPromo(ctx, 1, first.ID, "ONCE")
	require.NoError(t, err)
	_, err = b.svc.ApplyPromo(ctx, 1, first.ID, "ONCE")
	require.NoError(t, err, "applying it again to the same booking is not a second use")
	require.Equal(t, "You've already used this code.", promoRefusal(t, b, 1, second.ID, "ONCE"))
	other := promoHold(t, b, 2, "C4")
	_, err = b.svc.ApplyPromo(ctx, 2, other.ID, "ONCE")
	require.NoError(t, err, "the limit is per person")

	_, err = b.svc.RemovePromo(ctx, 1, first.ID)
	require.NoError(t, err)
	_, err = b.svc.ApplyPromo(ctx, 1, second.ID, "ONCE")
	require.NoError(t, err, "removing the code gave the use back")

	for _, bk := range []booking.Booking{first, second} {
		_, err = b.svc.ApplyPromo(ctx, 1, bk.ID, "TWICE")
		require.NoError(t, err)
	}
	require.Contains(t, promoRefusal(t, b, 1, third.ID, "TWICE"), "already used this code 2 times")
}

func TestAnotherCodeReplacesTheFirstAndReleasingFreesTheUse(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	promoCreate(t, b, booking.PromoInput{Code: "ALPHA", MaxUses: 1})
	promoCreate(t, b, booking.PromoInput{Code: "BETA", Kind: booking.AmountOff, AmountOff: 300, Currency: "GBP", MaxUses: 1})
	mine, theirs := promoHold(t, b, 1, "C1", "C2"), promoHold(t, b, 2, "C3")
	_, err := b.svc.ApplyPromo(ctx, 1, mine.ID, "ALPHA")
	require.NoError(t, err)
	require.Equal(t, "This code has been used up.", promoRefusal(t, b, 2, theirs.ID, "ALPHA"))

	co, err := b.svc.ApplyPromo(ctx, 1, mine.ID, "BETA")
	require.NoError(t, err)
	require.Equal(t, "BETA", co.Price.PromoCode)
	require.Equal(t, int64(300), co.Price.Discount)
	_, err = b.svc.ApplyPromo(ctx, 2, theirs.ID, "ALPHA")
	require.NoError(t, err, "ALPHA's use came back when BETA replaced it")

	require.Equal(t, "This code has been used up.", promoRefusal(t, b, 3, promoHold(t, b, 3, "C9").ID, "BETA"))
	require.NoError(t, b.svc.Release(ctx, 1, mine.ID))
	_, err = b.svc.ApplyPromo(ctx, 3, promoHold(t, b, 3, "C10").ID, "BETA")
	require.NoError(t, err, "a released booking gives its use back")
}

func TestPromoRefusedOnceTheHoldRanOut(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	b := setup(t, booking.Options{Now: clock})
	promoCreate(t, b, booking.PromoInput{Code: "LATE"})
	bk := promoHold(t, b, 1, "C5")
	mu.Lock()
	now = now.Add(9 * time.Minute)
	mu.Unlock()
	require.Equal(t, "Your seats are no longer held, so this booking can't be changed.", promoRefusal(t, b, 1, bk.ID, "LATE"))
}

func TestCreatePromoChecksItsInput(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	promoCreate(t, b, booking.PromoInput{Code: "spring25"})
	for name, tc := range map[string]struct {
		in           booking.PromoInput
		field, wants string
	}{
		"same code":  {booking.PromoInput{Code: "SPRING25", Kind: booking.PercentOff, PercentOff: 5}, "code", "already a promo code SPRING25"},
		"short code": {booking.PromoInput{Code: "AB", Kind: booking.PercentOff, PercentOff: 5}, "code", "3 to 32"},
		"0 percent":  {booking.PromoInput{Code: "ZERO", Kind: booking.PercentOff}, "percent_off", "from 1 to 100"},
		"no kind":    {booking.PromoInput{Code: "NOKIND"}, "kind", "percentage or a fixed amount"},
		"currency":   {booking.PromoInput{Code: "NOCUR", Kind: booking.AmountOff, AmountOff: 100}, "currency", "currency"},
		"dates": {booking.PromoInput{Code: "BACKWARDS", Kind: booking.PercentOff, PercentOff: 5,
			ValidFrom: time.Now().AddDate(0, 0, 3), ValidUntil: time.Now()}, "valid_until", "on or after"},
		"per user": {booking.PromoInput{Code: "GREEDY", Kind: booking.PercentOff, PercentOff: 5, MaxUses: 1, MaxUsesPerUser: 2},
			"max_uses_per_user", "more often"},
	} {
		_, err := b.svc.CreatePromo(ctx, tc.in)
		fields, ok := validate.Fields(err)
		require.True(t, ok, "%s: got %v", name, err)
		require.Contains(t, fields[tc.field], tc.wants, name)
	}
	promos, err := b.svc.Promos(ctx)
	require.NoError(t, err)
	require.Len(t, promos, 1)
	require.Equal(t, "SPRING25", promos[0].Code, "codes are kept in capitals")
	require.ErrorIs(t, b.svc.DeactivatePromo(ctx, 999999), booking.ErrNotFound)
}
