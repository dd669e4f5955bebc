package catalog

import (
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// The staff pages of one theater, screen or show exist only for those who
// manage that theater: these guards find the place the :id of the path
// belongs to and answer 404 elsewhere, on every method, before the page's
// handler runs.

// managed is where the signed-in staff member may manage theaters.
func managed(c echo.Context) authz.Filter { return web.Scope(c).Filter(authz.Manage) }

// theaterInScope guards /admin/theaters/:id pages. Errors: ErrNotFound.
func (h *Handler) theaterInScope(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := adminPathID(c, "id")
		if err != nil {
			return err
		}
		t, err := h.svc.Theater(c.Request().Context(), id)
		if err != nil {
			return err
		}
		if err := web.Allow(c, authz.Manage, t.Place()); err != nil {
			return err
		}
		return next(c)
	}
}

// screenInScope guards /admin/screens/:id pages by the screen's theater.
// Errors: ErrNotFound.
func (h *Handler) screenInScope(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := adminPathID(c, "id")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		sc, err := h.svc.Screen(ctx, id)
		if err != nil {
			return err
		}
		t, err := h.svc.Theater(ctx, sc.TheaterID)
		if err != nil {
			return err
		}
		if err := web.Allow(c, authz.Manage, t.Place()); err != nil {
			return err
		}
		return next(c)
	}
}

// showInScope guards /admin/shows/:id pages by the show's theater.
// Errors: ErrNotFound.
func (h *Handler) showInScope(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := showPathID(c)
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		show, err := h.svc.ShowForAdmin(ctx, id)
		if err != nil {
			return err
		}
		t, err := h.svc.Theater(ctx, show.TheaterID)
		if err != nil {
			return err
		}
		if err := web.Allow(c, authz.Manage, t.Place()); err != nil {
			return err
		}
		return next(c)
	}
}

// scheduleChoices is what the scheduling forms and the show list offer
// the signed-in staff member: every movie, and the theaters they manage.
// A screen of another theater is then not among the choices, so a form
// naming it is refused like any unknown screen.
func (h *Handler) scheduleChoices(c echo.Context) (ScheduleChoices, error) {
	choices, err := h.svc.ScheduleChoices(c.Request().Context())
	if err != nil {
		return ScheduleChoices{}, err
	}
	f := managed(c)
	if f.All {
		return choices, nil
	}
	kept := choices.Theaters[:0:0]
	for _, t := range choices.Theaters {
		if f.Allows(t.Place()) {
			kept = append(kept, t)
		}
	}
	choices.Theaters = kept
	return choices, nil
}

// theatersInScope keeps the theaters f covers.
func theatersInScope(theaters []Theater, f authz.Filter) []Theater {
	if f.All {
		return theaters
	}
	var kept []Theater
	for _, t := range theaters {
		if f.Allows(t.Place()) {
			kept = append(kept, t)
		}
	}
	return kept
}
