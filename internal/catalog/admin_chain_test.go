package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// chainForm is a complete, valid chain form.
func chainForm(name string) url.Values {
	return url.Values{"name": {name}, "brand_color": {"#1A2B3C"}, "ticket_note": {"Doors open 20 minutes before."},
		"cancel_window": {"90"}, "cancel_fee": {"1.5"}, "booking_fee": {""}, "transfer_limit": {"1"}, "exchange_any_movie": {"on"}}
}

func TestAMarqueeAdminAddsAChainWithItsPolicyInMinorUnits(t *testing.T) {
	t.Parallel()
	b := setup(t)
	admin, _ := b.SignedIn(t, "Ada", account.Admin)
	res, body := admin.Get(t, "/admin/chains/new")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `name="brand_color"`)

	res, _ = admin.Post(t, "/admin/chains", chainForm("Gold Reel Cinemas"))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = admin.Get(t, "/admin/chains")
	require.Contains(t, body, "Gold Reel Cinemas")
	require.Contains(t, body, "gold-reel-cinemas")

	chains, err := b.Catalog.Chains(context.Background())
	require.NoError(t, err)
	var found bool
	for _, ch := range chains {
		if ch.Name != "Gold Reel Cinemas" {
			continue
		}
		found = true
		require.Equal(t, "#1a2b3c", ch.BrandColor)
		require.Equal(t, 90*time.Minute, *ch.Policy.CancelWindow)
		require.Equal(t, int64(150), *ch.Policy.CancelFee)
		require.Nil(t, ch.Policy.BookingFee, "blank keeps the site's default")
		require.Equal(t, 1, *ch.Policy.TransferLimit)
		require.True(t, ch.Policy.ExchangeAnyMovie)
	}
	require.True(t, found)
}

func TestTheChainFormMarksEveryBadFieldAndKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	b := setup(t)
	admin, _ := b.SignedIn(t, "Ada", account.Admin)
	form := url.Values{"name": {"  "}, "brand_color": {"red"}, "ticket_note": {strings.Repeat("x", 281)},
		"cancel_window": {"soon"}, "cancel_fee": {"1.234"}, "booking_fee": {"-2"}}
	res, body := admin.Post(t, "/admin/chains", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	for _, msg := range []string{"Enter the chain&#39;s name", "Enter the brand colour as #rrggbb", "Keep the ticket note to 280 characters.",
		"Enter a whole number of minutes.", "Enter an amount like 1.50"} {
		require.Contains(t, body, msg)
	}
	require.Contains(t, body, `value="red"`)
	require.Contains(t, body, `id="booking_fee-error"`)

	form = chainForm("Late Show")
	form.Set("cancel_window", "20161")
	res, body = admin.Post(t, "/admin/chains", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "The cancellation window is 0 to 20160 minutes")

	form = chainForm("Many Hands")
	form.Set("transfer_limit", "21")
	res, body = admin.Post(t, "/admin/chains", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Allow 0 to 20 transfers")
	require.Contains(t, body, `value="21"`)

	chains, err := b.Catalog.Chains(context.Background())
	require.NoError(t, err)
	require.Len(t, chains, 1, "only the independents")
}

func TestOnlyMarqueeAdminsAddChainsAndOnlyTheirAdminsEditThem(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	res, _ := s.staff(t).Get(t, "/admin/chains/new")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "Marquee staff who are not admins")
	res, body := s.staff(t).Get(t, "/admin/chains")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Beta Pictures")

	chainAdmin := staffAt(t, s.testBundle, "Chad", authz.ChainAdmin, s.alpha.ID, 0)
	res, _ = chainAdmin.Post(t, "/admin/chains", chainForm("Rogue Chain"))
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	_, body = chainAdmin.Get(t, "/admin/chains")
	require.Contains(t, body, "Alpha Cinemas")
	require.Contains(t, body, "<td>2</td>", "its two theaters")
	require.NotContains(t, body, "Beta Pictures")

	res, _ = chainAdmin.Get(t, fmt.Sprintf("/admin/chains/%d/edit", s.beta.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = chainAdmin.Post(t, fmt.Sprintf("/admin/chains/%d", s.beta.ID), chainForm("Taken Over"))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	res, body = chainAdmin.Get(t, fmt.Sprintf("/admin/chains/%d/edit", s.alpha.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `value="Alpha Cinemas"`)
	form := chainForm("Alpha Cinemas Group")
	form.Set("booking_fee", "0.75")
	form.Set("cancel_window", "")
	res, _ = chainAdmin.Post(t, fmt.Sprintf("/admin/chains/%d", s.alpha.ID), form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got, err := s.Catalog.Chain(context.Background(), s.alpha.ID)
	require.NoError(t, err)
	require.Equal(t, "Alpha Cinemas Group", got.Name)
	require.Equal(t, s.alpha.Slug, got.Slug, "the slug stays")
	require.Equal(t, int64(75), *got.Policy.BookingFee)
	require.Nil(t, got.Policy.CancelWindow)
	beta, err := s.Catalog.Chain(context.Background(), s.beta.ID)
	require.NoError(t, err)
	require.Equal(t, "Beta Pictures", beta.Name)

	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)
	res, _ = manager.Get(t, "/admin/chains")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = manager.Get(t, fmt.Sprintf("/admin/chains/%d/edit", s.alpha.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}
