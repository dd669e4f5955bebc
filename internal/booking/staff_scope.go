package booking

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// staffPlaces is where the signed-in staff member may do one action: at
// every theater, or at the theaters in ids (chain-wide roles expanded to
// their theaters by the catalogue).
type staffPlaces struct {
	filter authz.Filter
	all    bool
	ids    map[int64]bool
}

// staffPlacesFor expands where the signed-in user may do a.
func (h *Handler) staffPlacesFor(c echo.Context, a authz.Action) (staffPlaces, error) {
	f := web.Scope(c).Filter(a)
	all, ids, err := h.svc.shows.TheaterIDsIn(c.Request().Context(), f)
	if err != nil {
		return staffPlaces{}, fmt.Errorf("theaters in the staff member's scope: %w", err)
	}
	p := staffPlaces{filter: f, all: all, ids: make(map[int64]bool, len(ids))}
	for _, id := range ids {
		p.ids[id] = true
	}
	return p, nil
}

// has reports whether the staff member may act at theater id.
func (p staffPlaces) has(theaterID int64) bool { return p.all || p.ids[theaterID] }

// keep leaves out the bookings at theaters the staff member may not see.
func (p staffPlaces) keep(list []StaffBooking) []StaffBooking {
	if p.all {
		return list
	}
	out := list[:0:0]
	for _, b := range list {
		if p.ids[b.TheaterID] {
			out = append(out, b)
		}
	}
	return out
}
