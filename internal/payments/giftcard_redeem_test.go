package payments

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// giftBundle is the payments service over a test database, with a clock
// the test moves.
type giftBundle struct {
	svc *Service
	now *atomic.Pointer[time.Time]
}

func giftSetup(t *testing.T) *giftBundle {
	t.Helper()
	pool := pgtest.New(t)
	now := &atomic.Pointer[time.Time]{}
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	now.Store(&start)
	svc, err := NewService(pool, nil, nil, Options{Now: func() time.Time { return *now.Load() }})
	require.NoError(t, err)
	return &giftBundle{svc: svc, now: now}
}

// issue makes an active card of amount (minor units) in GBP at chain.
func (b *giftBundle) issue(t *testing.T, amount, chain int64) IssuedCard {
	t.Helper()
	c, err := b.svc.IssueGiftCard(context.Background(), IssueRequest{ChainID: chain, Currency: "GBP", Amount: amount, IssuedBy: "staff@example.com"})
	require.NoError(t, err)
	return c
}

// inTx runs fn in a transaction of its own, as the checkout's would be.
func (b *giftBundle) inTx(t *testing.T, fn func(ctx context.Context, tx pgx.Tx) error) error {
	t.Helper()
	return pg.InTx(context.Background(), b.svc.pool, fn)
}

func (b *giftBundle) hold(t *testing.T, code string, booking, chain int64, currency string, upTo int64) (int64, error) {
	t.Helper()
	var held int64
	err := b.inTx(t, func(ctx context.Context, tx pgx.Tx) (err error) {
		held, err = b.svc.holdGiftCard(ctx, tx, code, booking, chain, currency, upTo)
		return err
	})
	return held, err
}

// balance is what the card's holder sees.
func (b *giftBundle) balance(t *testing.T, code string) int64 {
	t.Helper()
	st, err := b.svc.GiftCardBalance(context.Background(), code)
	require.NoError(t, err)
	return st.Balance
}

// requireLedgerSumsToBalance checks the invariant every change keeps: a
// card's ledger adds up to its balance, and each line's balance_after is
// the running sum.
func (b *giftBundle) requireLedgerSumsToBalance(t *testing.T, id int64) {
	t.Helper()
	card, ledger, err := b.svc.GiftCardDetail(context.Background(), id)
	require.NoError(t, err)
	var sum int64
	for _, l := range ledger {
		sum += l.Amount
		require.Equal(t, sum, l.BalanceAfter, "line %d (%s)", l.ID, l.Kind)
		require.GreaterOrEqual(t, l.BalanceAfter, int64(0))
	}
	require.Equal(t, card.Balance, sum)
}

func TestTwentyBuyersRacingForOneCardOfFiftySpendExactlyItsBalance(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	card := b.issue(t, 50_00, 0)

	var ok, empty atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			held, err := b.hold(t, card.Code, int64(1000+i), 7, "GBP", 5_00)
			switch {
			case err == nil:
				if held == 5_00 {
					ok.Add(1)
				}
			case errors.Is(err, ErrGiftCardEmpty):
				empty.Add(1)
			default:
				t.Errorf("booking %d: %v", 1000+i, err)
			}
		}()
	}
	close(start)
	wg.Wait()

	require.Equal(t, int32(10), ok.Load(), "holds of 5.00 that got their 5.00")
	require.Equal(t, int32(10), empty.Load(), "holds told the card is empty")
	require.Equal(t, int64(0), b.balance(t, card.Code))
	b.requireLedgerSumsToBalance(t, card.ID)
}

func TestAHoldTakesWhatIsLeftWhenTheBookingCostsMore(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	card := b.issue(t, 20_00, 0)

	held, err := b.hold(t, card.Code, 1, 7, "GBP", 35_00)
	require.NoError(t, err)
	require.Equal(t, int64(20_00), held)
	require.Equal(t, int64(0), b.balance(t, card.Code))
}

func TestApplyingTheSameCardTwiceToABookingTakesOnce(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	card := b.issue(t, 30_00, 0)

	first, err := b.hold(t, card.Code, 1, 7, "GBP", 12_00)
	require.NoError(t, err)
	again, err := b.hold(t, card.Code, 1, 7, "GBP", 12_00)
	require.NoError(t, err)

	require.Equal(t, int64(12_00), first)
	require.Equal(t, first, again, "the second apply answers the first hold")
	require.Equal(t, int64(18_00), b.balance(t, card.Code))
	b.requireLedgerSumsToBalance(t, card.ID)
}

func TestAReleasedHoldGivesTheMoneyBackAndTheCardCanBeHeldAgain(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	card := b.issue(t, 30_00, 0)
	_, err := b.hold(t, card.Code, 1, 7, "GBP", 10_00)
	require.NoError(t, err)

	require.NoError(t, b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.releaseGiftCards(ctx, tx, 1, "the seats' hold ran out")
	}))
	require.Equal(t, int64(30_00), b.balance(t, card.Code))

	held, err := b.hold(t, card.Code, 1, 7, "GBP", 8_00)
	require.NoError(t, err)
	require.Equal(t, int64(8_00), held)
	require.Equal(t, int64(22_00), b.balance(t, card.Code))
	b.requireLedgerSumsToBalance(t, card.ID)
}

func TestCapturedCardsCountTowardsTheBookingUntilRefunded(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	one, two := b.issue(t, 10_00, 0), b.issue(t, 40_00, 0)
	_, err := b.hold(t, one.Code, 5, 7, "GBP", 25_00)
	require.NoError(t, err)
	_, err = b.hold(t, two.Code, 5, 7, "GBP", 15_00)
	require.NoError(t, err)

	var held int64
	require.NoError(t, b.inTx(t, func(ctx context.Context, tx pgx.Tx) (err error) {
		if err := b.svc.captureGiftCards(ctx, tx, 5); err != nil {
			return err
		}
		held, err = b.svc.giftCardsHeld(ctx, tx, 5)
		return err
	}))
	require.Equal(t, int64(25_00), held)

	// Releasing a paid booking changes nothing: its money is spent.
	require.NoError(t, b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.releaseGiftCards(ctx, tx, 5, "late") }))
	require.Equal(t, int64(0), b.balance(t, one.Code))
	require.Equal(t, int64(25_00), b.balance(t, two.Code))

	// A refund of 18.00 goes to the newest redemption (card two: 15.00)
	// first, then 3.00 to card one.
	var refunded int64
	require.NoError(t, b.inTx(t, func(ctx context.Context, tx pgx.Tx) (err error) {
		refunded, err = b.svc.refundToGiftCards(ctx, tx, 5, 18_00, "cancel:5")
		if err != nil {
			return err
		}
		held, err = b.svc.giftCardsHeld(ctx, tx, 5)
		return err
	}))
	require.Equal(t, int64(18_00), refunded)
	require.Equal(t, int64(7_00), held)
	require.Equal(t, int64(3_00), b.balance(t, one.Code))
	require.Equal(t, int64(40_00), b.balance(t, two.Code))
	b.requireLedgerSumsToBalance(t, one.ID)
	b.requireLedgerSumsToBalance(t, two.ID)
}

func TestRacingRefundsToOneCardGiveBackNoMoreThanWasSpent(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	card := b.issue(t, 50_00, 0)
	_, err := b.hold(t, card.Code, 9, 7, "GBP", 30_00)
	require.NoError(t, err)
	require.NoError(t, b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.captureGiftCards(ctx, tx, 9) }))

	// Ten refunds of 5.00 under different keys, and ten retries of one
	// refund of 4.00 under the same key, all at once.
	var total atomic.Int64
	var sameKey sync.Map
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			key, amount := "partial:"+string(rune('a'+i)), int64(5_00)
			if i >= 10 {
				key, amount = "retried", 4_00
			}
			var got int64
			err := b.inTx(t, func(ctx context.Context, tx pgx.Tx) (err error) {
				got, err = b.svc.refundToGiftCards(ctx, tx, 9, amount, key)
				return err
			})
			if err != nil {
				t.Errorf("refund %s: %v", key, err)
				return
			}
			if key == "retried" {
				sameKey.Store(i, got)
				return
			}
			total.Add(got)
		}()
	}
	close(start)
	wg.Wait()

	// The retried key answered the same amount every time, but gave it once.
	var retried int64 = -1
	sameKey.Range(func(_, v any) bool {
		if retried >= 0 {
			require.Equal(t, retried, v.(int64))
		}
		retried = v.(int64)
		return true
	})
	require.Equal(t, int64(30_00), total.Load()+retried, "everything spent came back, and no more")
	require.Equal(t, int64(50_00), b.balance(t, card.Code))
	b.requireLedgerSumsToBalance(t, card.ID)
}

func TestAnExpiredCardRefusesHoldsWithItsOwnMessage(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	card := b.issue(t, 25_00, 0)
	require.WithinDuration(t, b.now.Load().AddDate(0, 24, 0), card.ExpiresAt, 0, "GBP cards last at least 24 months")

	later := card.ExpiresAt.Add(time.Minute)
	b.now.Store(&later)
	_, err := b.hold(t, card.Code, 1, 7, "GBP", 5_00)
	require.ErrorIs(t, err, ErrGiftCardExpired)

	st, err := b.svc.GiftCardBalance(context.Background(), card.Code)
	require.NoError(t, err)
	require.Equal(t, GiftCardExpired, st.Status)
	require.Equal(t, int64(25_00), st.Balance)
}

func TestACardOfAnotherChainOrCurrencyIsRefused(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	chainCard := b.issue(t, 25_00, 3)

	_, err := b.hold(t, chainCard.Code, 1, 4, "GBP", 5_00)
	require.ErrorIs(t, err, ErrGiftCardChain)
	_, err = b.hold(t, chainCard.Code, 1, 3, "INR", 5_00)
	require.ErrorIs(t, err, ErrGiftCardCurrency)
	held, err := b.hold(t, chainCard.Code, 1, 3, "GBP", 5_00)
	require.NoError(t, err)
	require.Equal(t, int64(5_00), held)

	// A card for every cinema is good at any chain.
	anywhere := b.issue(t, 25_00, 0)
	_, err = b.hold(t, anywhere.Code, 2, 4, "GBP", 5_00)
	require.NoError(t, err)
}

func TestAVoidCardAnswersAsAnUnknownOneAndCannotBeVoidedWhilePaying(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	ctx := context.Background()
	card := b.issue(t, 25_00, 0)
	_, err := b.hold(t, card.Code, 1, 7, "GBP", 5_00)
	require.NoError(t, err)

	require.ErrorIs(t, b.svc.VoidGiftCard(ctx, card.ID, "boss@example.com", "lost"), ErrGiftCardInUse)

	require.NoError(t, b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.captureGiftCards(ctx, tx, 1) }))
	require.NoError(t, b.svc.VoidGiftCard(ctx, card.ID, "boss@example.com", "lost"))

	_, err = b.svc.GiftCardBalance(ctx, card.Code)
	require.ErrorIs(t, err, ErrGiftCardUnknown)
	_, err = b.svc.GiftCardBalance(ctx, "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
	require.ErrorIs(t, err, ErrGiftCardUnknown)
	_, err = b.hold(t, card.Code, 2, 7, "GBP", 5_00)
	require.ErrorIs(t, err, ErrGiftCardUnknown)

	// A refund of the paid booking does not bring a void card back to life.
	var refunded int64
	require.NoError(t, b.inTx(t, func(ctx context.Context, tx pgx.Tx) (err error) {
		refunded, err = b.svc.refundToGiftCards(ctx, tx, 1, 5_00, "cancel:1")
		return err
	}))
	require.Zero(t, refunded)
	b.requireLedgerSumsToBalance(t, card.ID)
}

func TestACardLastsAtLeastItsCurrencysMinimumAndStaffMayChooseLonger(t *testing.T) {
	t.Parallel()
	b := giftSetup(t)
	ctx := context.Background()
	now := *b.now.Load()

	inr, err := b.svc.IssueGiftCard(ctx, IssueRequest{Currency: "INR", Amount: 500_00, IssuedBy: "s"})
	require.NoError(t, err)
	require.WithinDuration(t, now.AddDate(0, 12, 0), inr.ExpiresAt, 0, "INR cards last at least 12 months")

	usd, err := b.svc.IssueGiftCard(ctx, IssueRequest{Currency: "USD", Amount: 100_00, ValidMonths: 72, IssuedBy: "s"})
	require.NoError(t, err)
	require.WithinDuration(t, now.AddDate(0, 72, 0), usd.ExpiresAt, 0, "staff chose 72 months")

	_, err = b.svc.IssueGiftCard(ctx, IssueRequest{Currency: "USD", Amount: 100_00, ValidMonths: 12, IssuedBy: "s"})
	require.ErrorIs(t, err, ErrInvalid, "the CARD Act's five years")
	_, err = b.svc.IssueGiftCard(ctx, IssueRequest{Currency: "JPY", Amount: 100_00, IssuedBy: "s"})
	require.ErrorIs(t, err, ErrInvalid, "no rule for the currency")
	_, err = b.svc.IssueGiftCard(ctx, IssueRequest{Currency: "EUR", Amount: 1000_01, IssuedBy: "s"})
	require.ErrorIs(t, err, ErrInvalid, "over 1000")
}

func TestCodesAreReadAsPeopleTypeThem(t *testing.T) {
	t.Parallel()
	code, err := newGiftCardCode()
	require.NoError(t, err)
	require.Len(t, code, 16)
	require.NotContains(t, code, "I")
	require.NotContains(t, code, "L")
	require.NotContains(t, code, "O")
	require.NotContains(t, code, "U")

	for typed, want := range map[string]string{
		"ABCD-EFGH-JKMN-PQRS":    "ABCDEFGHJKMNPQRS",
		" abcd efgh jkmn pqrs ":  "ABCDEFGHJKMNPQRS",
		"O0IL-1234-5678-9ABC":    "0011123456789ABC",
		"oooo-iiii-llll-0000":    "0000111111110000",
		"ABCD-EFGH-JKMN-PQR":     "",
		"ABCD-EFGH-JKMN-PQRU":    "",
		"ABCD-EFGH-JKMN-PQRS-TV": "",
	} {
		got, ok := normaliseGiftCardCode(typed)
		require.Equal(t, want != "", ok, typed)
		require.Equal(t, want, got, typed)
	}
	require.Equal(t, "ABCD-EFGH-JKMN-PQRS", formatGiftCardCode("ABCDEFGHJKMNPQRS"))

	// What the balance form accepts finds the card issued.
	b := giftSetup(t)
	card := b.issue(t, 15_00, 0)
	require.Equal(t, int64(15_00), b.balance(t, " "+card.Code[:9]+" "+card.Code[10:]))
}
