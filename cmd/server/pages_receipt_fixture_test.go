package main

import (
	"regexp"
	"time"

	"github.com/stretchr/testify/require"
)

var receiptLink = regexp.MustCompile(`href="(/receipts/\d+)"`)

// receipt is the page of the confirmed booking's receipt, once the job
// that issues it has run (the booking page lists it then).
func (f *pageFixtures) receipt() string {
	return f.once("receipt", func() string {
		page := f.booking()
		var path string
		require.Eventually(f.t, func() bool {
			_, body := f.buyer.Get(f.t, page)
			if m := receiptLink.FindStringSubmatch(body); m != nil {
				path = m[1]
			}
			return path != ""
		}, 2*time.Minute, 100*time.Millisecond, "the booking page lists its receipt")
		return path
	})
}
