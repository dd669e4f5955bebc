package booking

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// StaffOptions wire e-tickets, the door check-in and the staff booking
// pages to the rest of the app.
type StaffOptions struct {
	// Tickets signs e-tickets and verifies them at the door (NewTickets).
	Tickets *Tickets
	// Users finds a customer by email for the staff search (account).
	Users UserLookup
	// Schedule lists the day's shows for the show pickers (catalogue).
	Schedule Schedule
}

// UserLookup is what the staff search needs from the account module.
type UserLookup interface {
	// UserIDByEmail returns the id of the account with that email, or 0
	// and no error when there is none.
	UserIDByEmail(ctx context.Context, email string) (int64, error)
}

// Schedule is what the show pickers need from the catalogue
// (*catalog.Service).
type Schedule interface {
	AdminShows(ctx context.Context, f catalog.ShowFilter) ([]catalog.AdminShow, error)
}

// desk serves the pages that need StaffOptions: the e-ticket, the door
// check-in and the staff booking pages.
type desk struct {
	*Handler
	StaffOptions
}

// StaffRoutes registers the e-ticket page for signed-in buyers,
//
//	GET  /bookings/:id/ticket
//
// and, behind the staff guard,
//
//	GET  /admin/checkin               the door: scan or type, big verdict
//	POST /admin/checkin
//	GET  /admin/bookings              search by code, customer email or show
//	GET  /admin/bookings/:code        one booking with its history
//	POST /admin/bookings/:code/cancel cancel it, refunding what staff type
//	GET  /admin/shows/:id/occupancy   a show's live seat grid
//
// main calls it once, beside Routes.
func (h *Handler) StaffRoutes(e *echo.Echo, o StaffOptions) {
	d := &desk{Handler: h, StaffOptions: o}
	e.GET("/bookings/:id/ticket", d.ticketPage, web.Guard(h.opts.RequireUser, http.StatusUnauthorized))
	g := e.Group("/admin", web.Guard(h.opts.RequireStaff, http.StatusForbidden))
	g.GET("/checkin", d.checkInPage)
	g.POST("/checkin", d.checkIn)
	g.GET("/bookings", d.staffBookings)
	g.GET("/bookings/:code", d.staffBooking)
	g.POST("/bookings/:code/cancel", d.staffCancel)
	g.GET("/shows/:id/occupancy", d.staffOccupancy)
}
