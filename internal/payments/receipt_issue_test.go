package payments_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/payments"
)

func TestThirtyReceiptsIssuedAtOnceAreNumberedOneToThirtyWithoutGaps(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "London", taxBP: 2000, seats: 30})
	b.seller(t, payments.Seller{LegalName: "Lumière Cinemas Ltd", TaxScheme: payments.SchemeVAT, TaxID: "GB123456789",
		SeriesPrefix: "LUM"})
	// The first issue fails inside its transaction (its mail cannot be
	// queued): the number it took goes back to the series, and its job
	// issues it on a retry.
	b.failIssue = -1
	ids := make([]int64, 30)
	for i := range ids {
		_, ids[i] = b.paid(t, int64(100+i), fmt.Sprintf("A%d", i+1))
	}
	// The jobs issue each payment's receipt as it succeeds; asking for
	// all of them at once as well races them for the numbers.
	var wg sync.WaitGroup
	errs := make([]error, len(ids))
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = b.pay.IssueReceipt(context.Background(), id)
		}()
	}
	wg.Wait()
	for i, id := range ids {
		if errs[i] != nil {
			_, errs[i] = b.pay.IssueReceipt(context.Background(), id)
		}
		require.NoError(t, errs[i], "payment %d is issued when asked again", id)
	}
	b.mu.Lock()
	refused := b.failIssue == 0
	b.mu.Unlock()
	require.True(t, refused, "one issue was refused and rolled back")

	rows, err := b.pool.Query(context.Background(), "SELECT number, display_number FROM payments.receipts ORDER BY number")
	require.NoError(t, err)
	var numbers []int
	var shown []string
	for rows.Next() {
		var n int
		var s string
		require.NoError(t, rows.Scan(&n, &s))
		numbers, shown = append(numbers, n), append(shown, s)
	}
	require.NoError(t, rows.Err())
	want := make([]int, 30)
	for i := range want {
		want[i] = i + 1
	}
	require.Equal(t, want, numbers, "exactly 1..30, none lost to the rollback")
	year := time.Now().In(b.show.Theater.Location()).Year()
	require.Equal(t, fmt.Sprintf("LUM-%d-R-000001", year), shown[0])
	require.Equal(t, fmt.Sprintf("LUM-%d-R-000030", year), shown[29])
	require.Len(t, b.sent(), 30, "one mail per document, none for the rolled back one")
}

func TestGSTWithinTheSellersStateSplitsIntoCGSTAndSGST(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "Mumbai", taxBP: 1800})
	b.seller(t, payments.Seller{LegalName: "Apex Multiplex Private Limited", TaxScheme: payments.SchemeGST,
		TaxID: "27AAACA1234A1ZK", StateCode: "27", SeriesPrefix: "APX"})
	bk, id := b.paid(t, 7, "A1", "A2")

	r, err := b.pay.IssueReceipt(context.Background(), id)
	require.NoError(t, err)
	require.Equal(t, payments.KindTaxInvoice, r.Kind)
	require.Equal(t, "27", r.PlaceOfSupply, "Mumbai is in Maharashtra")
	require.Equal(t, bk.Total, r.Gross, "the invoice adds up to what was paid")
	// Two tickets at 10.00 and two booking fees of 0.75: 21.50 net, 3.87
	// GST at 18%, shared half and half.
	require.Equal(t, int64(2150), r.Net)
	require.Equal(t, int64(387), r.Tax)
	require.Equal(t, []payments.TaxLine{
		{Name: "CGST", RateBP: 900, Taxable: 2150, Tax: 193},
		{Name: "SGST", RateBP: 900, Taxable: 2150, Tax: 194},
	}, r.TaxLines)
	require.Equal(t, "Receipts Please: Standard, Adult ticket", r.Lines[0].Description)
	require.Equal(t, 2, r.Lines[0].Qty)
	require.Equal(t, int64(1000), r.Lines[0].Unit)
	require.Equal(t, "27AAACA1234A1ZK", r.SellerTaxID)
	require.Equal(t, "Buyer 7", r.BuyerName)
}

func TestGSTAcrossStatesIsIGST(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "Delhi", taxBP: 1800})
	b.seller(t, payments.Seller{LegalName: "Apex Multiplex Private Limited", TaxScheme: payments.SchemeGST,
		TaxID: "27AAACA1234A1ZK", StateCode: "27", SeriesPrefix: "APX"})
	_, id := b.paid(t, 7, "A1")

	r, err := b.pay.IssueReceipt(context.Background(), id)
	require.NoError(t, err)
	require.Equal(t, "07", r.PlaceOfSupply, "Delhi")
	require.Equal(t, []payments.TaxLine{{Name: "IGST", RateBP: 1800, Taxable: 1075, Tax: 194}}, r.TaxLines)
}

func TestVATIsOneLinePerRate(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "London", taxBP: 2000})
	b.seller(t, payments.Seller{LegalName: "Lumière Cinemas Ltd", TaxScheme: payments.SchemeVAT, TaxID: "GB123456789",
		SeriesPrefix: "LUM"})
	_, id := b.paid(t, 7, "A1", "A2", "A3")

	r, err := b.pay.IssueReceipt(context.Background(), id)
	require.NoError(t, err)
	require.Equal(t, payments.KindTaxInvoice, r.Kind)
	require.Equal(t, []payments.TaxLine{{Name: "VAT", RateBP: 2000, Taxable: 3225, Tax: 645}}, r.TaxLines)
	require.Empty(t, r.PlaceOfSupply)
	require.Equal(t, int64(3870), r.Gross)
}

func TestASaleWithoutTaxGetsAPlainReceipt(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "London"})
	_, id := b.paid(t, 7, "A1")

	r, err := b.pay.IssueReceipt(context.Background(), id)
	require.NoError(t, err)
	require.Equal(t, payments.KindReceipt, r.Kind)
	require.Empty(t, r.TaxLines)
	require.Equal(t, "London Talkies", r.SellerName, "no seller set: the theater sells")
	require.Equal(t, int64(1075), r.Gross)
}

func TestAPartialRefundGetsACreditNoteWithNegativeLines(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "Mumbai", taxBP: 1800})
	b.seller(t, payments.Seller{LegalName: "Apex Multiplex Private Limited", TaxScheme: payments.SchemeGST,
		TaxID: "27AAACA1234A1ZK", StateCode: "27", SeriesPrefix: "APX"})
	_, id := b.paid(t, 7, "A1", "A2")
	inv, err := b.pay.IssueReceipt(context.Background(), id)
	require.NoError(t, err)

	_, err = b.pay.AdminRefund(context.Background(), id, 1000, "Sound was off", "n1", "admin@example.com")
	require.NoError(t, err)
	var refundID int64
	eventually(t, func() bool {
		return b.pool.QueryRow(context.Background(),
			"SELECT id FROM payments.refunds WHERE payment_id = $1 AND state = 'succeeded'", id).Scan(&refundID) == nil
	}, "the refund goes through")

	cn, err := b.pay.IssueCreditNote(context.Background(), refundID)
	require.NoError(t, err)
	require.Equal(t, payments.KindCreditNote, cn.Kind)
	require.Equal(t, inv.ID, cn.OriginalID)
	require.Equal(t, int64(-1000), cn.Gross, "the refund, negative")
	require.Equal(t, cn.Gross, cn.Net+cn.Tax)
	for _, l := range cn.Lines {
		require.LessOrEqual(t, l.Gross, int64(0), l.Description)
	}
	require.Len(t, cn.TaxLines, 2)
	require.Equal(t, "CGST", cn.TaxLines[0].Name)
	require.Negative(t, cn.TaxLines[0].Tax)
	require.Equal(t, cn.Tax, cn.TaxLines[0].Tax+cn.TaxLines[1].Tax)
	year := time.Now().In(b.show.Theater.Location()).Year()
	require.Equal(t, fmt.Sprintf("APX-%d-CN-000001", year), cn.Number, "credit notes are a series of their own")

	again, err := b.pay.IssueCreditNote(context.Background(), refundID)
	require.NoError(t, err)
	require.Equal(t, cn.ID, again.ID, "one credit note per refund")
}

func TestTheIssuingJobIssuesOnceHoweverOftenItRuns(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "London", taxBP: 2000})
	_, id := b.paid(t, 7, "A1")
	ctx := context.Background()

	var jobIDs []int64
	for range 3 { // a retried job, and one enqueued twice
		res, err := b.client.Insert(ctx, payments.IssueReceiptArgs{PaymentID: id}, nil)
		require.NoError(t, err)
		jobIDs = append(jobIDs, res.Job.ID)
	}
	eventually(t, func() bool {
		var done int
		_ = b.pool.QueryRow(ctx, "SELECT count(*) FROM river.river_job WHERE id = ANY($1) AND state = 'completed'", jobIDs).Scan(&done)
		return done == len(jobIDs)
	}, "the jobs finish")
	require.Equal(t, 1, b.documents(t, id))
	require.Len(t, b.sent(), 1, "the buyer hears once")
	require.True(t, slices.ContainsFunc(b.sent(), func(m payments.ReceiptMail) bool {
		return m.PaymentID == id && m.UserID == 7 && m.Path != ""
	}))
}
