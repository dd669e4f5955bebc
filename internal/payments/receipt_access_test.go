package payments_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

func TestAReceiptIsSeenByItsBuyerAGuestWithItsBookingAndTheTheatersStaffOnly(t *testing.T) {
	t.Parallel()
	b := receiptSetup(t, receiptOpts{city: "London", taxBP: 2000})
	ctx := context.Background()
	_, id := b.paid(t, 7, "A1")
	r, err := b.pay.IssueReceipt(ctx, id)
	require.NoError(t, err)
	guestBooking, guestPay := b.paid(t, web.GuestBuyer, "A2")
	g, err := b.pay.IssueReceipt(ctx, guestPay)
	require.NoError(t, err)
	require.Equal(t, "guest@example.com", g.BuyerEmail, "a guest's document names their email")
	require.Equal(t, payments.KindReceipt, g.Kind, "a seller not registered for tax issues receipts")

	here := authz.Place{ChainID: b.show.Theater.ChainID, TheaterID: b.show.Theater.ID}
	for _, c := range []struct {
		name string
		v    payments.Viewer
		doc  payments.Receipt
		ok   bool
	}{
		{"the buyer", payments.Viewer{UserID: 7}, r, true},
		{"another user", payments.Viewer{UserID: 8}, r, false},
		{"a guest of another booking", payments.Viewer{GuestBookings: []int64{guestBooking.ID}}, r, false},
		{"the guest of the booking", payments.Viewer{GuestBookings: []int64{guestBooking.ID}}, g, true},
		{"a signed-in user who is not the guest", payments.Viewer{UserID: 7}, g, false},
		{"box office staff of the theater", payments.Viewer{UserID: 50, Scope: authz.Scope{Grants: []authz.Grant{
			{Role: authz.BoxOffice, ChainID: here.ChainID, TheaterID: here.TheaterID}}}}, r, true},
		{"staff of another chain", payments.Viewer{UserID: 51, Scope: authz.Scope{Grants: []authz.Grant{
			{Role: authz.ChainAdmin, ChainID: here.ChainID + 1000}}}}, r, false},
		{"door staff of the theater", payments.Viewer{UserID: 52, Scope: authz.Scope{Grants: []authz.Grant{
			{Role: authz.Door, ChainID: here.ChainID, TheaterID: here.TheaterID}}}}, r, false},
		{"Marquee's staff", payments.Viewer{UserID: 53, Scope: authz.Scope{Platform: true}}, g, true},
	} {
		got, err := b.pay.ReceiptFor(ctx, c.v, c.doc.ID)
		if c.ok {
			require.NoError(t, err, c.name)
			require.Equal(t, c.doc.Number, got.Number, c.name)
		} else {
			require.ErrorIs(t, err, payments.ErrNotFound, c.name)
		}
	}

	links, err := b.pay.ReceiptsForBooking(ctx, guestBooking.ID)
	require.NoError(t, err)
	require.Equal(t, []payments.ReceiptLink{{ID: g.ID, Kind: payments.KindReceipt, Number: g.Number, Gross: g.Gross,
		Currency: "GBP", IssuedAt: links[0].IssuedAt, Path: g.Path(), PDFPath: g.Path() + "/pdf"}}, links)
}

func TestTheReceiptPageAndItsPDFThroughTheSite(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	b := receiptSetup(t, receiptOpts{city: "Mumbai", taxBP: 1800, pool: pool})
	b.seller(t, payments.Seller{LegalName: "Apex Multiplex Private Limited", TaxScheme: payments.SchemeGST,
		TaxID: "27AAACA1234A1ZK", StateCode: "27", SeriesPrefix: "APX"})
	srv := apptest.New(t, apptest.Options{Pool: pool})
	owner, u := srv.SignedIn(t, "Owner", account.Customer)
	other, _ := srv.SignedIn(t, "Other", account.Customer)
	_, id := b.paid(t, u.ID, "A1")
	r, err := b.pay.IssueReceipt(context.Background(), id)
	require.NoError(t, err)

	res, body := owner.Get(t, r.Path())
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, r.Number)
	require.Contains(t, body, "27AAACA1234A1ZK")
	require.Contains(t, body, "CGST 9%")
	require.Contains(t, body, "SGST 9%")

	res, pdf := owner.Get(t, r.Path()+"/pdf")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "application/pdf", res.Header.Get("Content-Type"))
	require.True(t, bytes.HasPrefix([]byte(pdf), []byte("%PDF")), "a PDF file")
	require.Contains(t, pdf, r.Number, "its number is on it")
	require.Contains(t, pdf, "Rs. 12.69", "rupees in the core fonts' letters")

	res, _ = other.Get(t, r.Path())
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another buyer's document does not exist for them")
	res, _ = other.Get(t, r.Path()+"/pdf")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = owner.Get(t, "/receipts/"+strconv.FormatInt(r.ID+1000, 10))
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestStaffSetTheirChainsSellerAndAreToldWhatToFix(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	b := receiptSetup(t, receiptOpts{city: "Mumbai", pool: pool})
	srv := apptest.New(t, apptest.Options{Pool: pool})
	chain := strconv.FormatInt(b.show.Theater.ChainID, 10)
	ca := srv.User(t, "Rhea", account.Customer)
	_, err := srv.Account.GrantRole(context.Background(), account.Granter{Scope: authz.Scope{Platform: true}}, ca.Email,
		authz.Grant{Role: authz.ChainAdmin, ChainID: b.show.Theater.ChainID}, "chain")
	require.NoError(t, err)
	admin := srv.Browser(t)
	admin.SignIn(t, ca.Email, apptest.Password)

	res, body := admin.Get(t, "/admin/receipt-settings")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Legal name")

	form := url.Values{"chain": {chain}, "legal_name": {"Apex Multiplex Private Limited"}, "tax_scheme": {"gst"},
		"tax_id": {"27AAACA1234A1Z5"}, "state_code": {"27"}, "series_prefix": {"apx"}}
	res, body = admin.Post(t, "/admin/receipt-settings", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter a valid GSTIN", "a wrong check character is refused")
	require.Contains(t, body, "Apex Multiplex Private Limited", "what was typed stays")

	form.Set("tax_id", "27AAACA1234A1ZK")
	res, _ = admin.Post(t, "/admin/receipt-settings", form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	sellers, err := b.pay.Sellers(context.Background())
	require.NoError(t, err)
	require.Contains(t, sellers, payments.Seller{ChainID: b.show.Theater.ChainID, LegalName: "Apex Multiplex Private Limited",
		TaxScheme: payments.SchemeGST, TaxID: "27AAACA1234A1ZK", StateCode: "27", SeriesPrefix: "APX"})

	form.Set("chain", "0")
	res, _ = admin.Post(t, "/admin/receipt-settings", form)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "the independents' seller is Marquee's staff's to set")
	customer, _ := srv.SignedIn(t, "Customer", account.Customer)
	res, _ = customer.Get(t, "/admin/receipt-settings")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
}

func TestGSTINsAreCheckedByTheirCheckCharacter(t *testing.T) {
	t.Parallel()
	require.True(t, payments.ValidGSTIN("27AAPFU0939F1ZV"))
	require.True(t, payments.ValidGSTIN("27AAACA1234A1ZK"))
	require.False(t, payments.ValidGSTIN("27AAACA1234A1Z5"), "a wrong check character")
	require.False(t, payments.ValidGSTIN("27AAACA1234A1Y5"), "the 14th character is Z")
	require.False(t, payments.ValidGSTIN("27aapfu0939f1zv"), "capitals only")
	require.Equal(t, "27", payments.GSTStateOfCity("Mumbai"))
	require.Equal(t, "", payments.GSTStateOfCity("london"))
}
