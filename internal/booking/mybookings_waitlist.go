package booking

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// myWaitlistItems is the buyer's places in the lines of sold-out shows,
// newest first, as My bookings lists them: an offer links to its page
// (pay before the hold ends), a place in line to the show's waitlist page.
func (h *Handler) myWaitlistItems(ctx context.Context, userID int64) ([]views.WaitlistItem, error) {
	entries, err := h.svc.MyWaitlist(ctx, userID)
	if err != nil {
		return nil, err
	}
	var out []views.WaitlistItem
	for _, e := range entries {
		if !e.State.Active() {
			continue
		}
		d, err := h.svc.cache.get(ctx, e.ShowID, func(ctx context.Context) (catalog.ShowDetail, error) {
			return h.svc.shows.ShowDetail(ctx, e.ShowID)
		})
		if err != nil {
			return nil, fmt.Errorf("show %d of waitlist entry %d: %w", e.ShowID, e.ID, err)
		}
		loc := d.Theater.Location()
		item := views.WaitlistItem{MovieTitle: d.Movie.Title, TheaterName: d.Theater.Name,
			When: i18n.LongDateTime(ctx, d.StartsAt.In(loc)),
			Href: fmt.Sprintf("/shows/%d/waitlist", e.ShowID), Action: i18n.T(ctx, "Your place in line"),
			Status: i18n.T(ctx, "Number {{.N}} in line", "N", e.Position)}
		if e.State == WaitlistOffered {
			until := i18n.Time(ctx, e.OfferExpiresAt.In(loc))
			item.Href, item.Offered = fmt.Sprintf("/waitlist/offers/%d", e.ID), true
			item.Action = i18n.T(ctx, "See the seats held for you")
			item.Status = i18n.T(ctx, "Seats held for you until {{.Time}}", "Time", until)
		}
		out = append(out, item)
	}
	return out, nil
}
