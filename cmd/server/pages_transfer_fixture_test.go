package main

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// transferOffer is the page behind a transfer offer's link, as its
// recipient opens it signed out: the confirmed booking's tickets offered
// through the API, the link read from the offer email in the outbox (the
// token is only ever in that email).
func (f *pageFixtures) transferOffer() string {
	return f.once("transfer-offer", func() string {
		page := f.booking()
		var id int64
		_, err := fmt.Sscanf(page, "/bookings/%d", &id)
		require.NoError(f.t, err)
		apiJSON(f.t, f.buyer, f.token, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/transfers", id),
			map[string]string{"email": "pages.friend@example.com"}, http.StatusCreated, nil)
		var link string
		require.Eventually(f.t, func() bool {
			step(f.t, f.tab("admin").ctx, "the offer email's link", chromedp.Evaluate(`(async () => {
				const list = new DOMParser().parseFromString(await (await fetch('/admin/outbox')).text(), 'text/html');
				const a = [...list.querySelectorAll('main a[href^="/admin/outbox/"]')].find(a => a.textContent.includes('sent you tickets'));
				if (!a) return '';
				const m = (await (await fetch(a.getAttribute('href') + '/html')).text()).match(/\/transfers\/[\w-]{20,}/);
				return m ? m[0] : '';
			})()`, &link, awaitPromise))
			return strings.HasPrefix(link, "/transfers/")
		}, time.Minute, 100*time.Millisecond, "the offer email is in the outbox")
		return link
	})
}
