package booking

import (
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// Routes registers every URL booking answers. Pages answer visitors by
// sending them to sign in; the JSON API under /api/v1 answers
// problem+json and needs a bearer token for a buyer's own bookings.
func (h *Handler) Routes(e *echo.Echo) {
	user, staff, api := h.auth.User, h.auth.Staff, h.auth.API

	// The seat map, its live event stream, and holding the chosen seats.
	e.GET("/shows/:id/seats", h.seatMapPage)
	e.GET("/shows/:id/seats/events", h.opts.Live.events)
	e.POST("/shows/:id/hold", h.holdSeats, h.seatMapSignIn, user)
	// A visitor may hold as a guest (email, optional phone) instead.
	e.POST("/shows/:id/hold/guest", h.holdAsGuest)

	// Checkout, paying, and a buyer's bookings and e-tickets: the
	// signed-in owner, or a browser holding a guest grant for the booking
	// (made it, opened its access link, or found it by code and email).
	buyer := web.UserOrGuest(h.auth.Sessions, user)
	e.GET("/bookings/find", h.findPage)
	e.POST("/bookings/find", h.findBooking)
	e.GET("/bookings/access/:token", h.guestAccess)
	e.GET("/bookings/:id/checkout", h.checkoutPage, buyer)
	e.POST("/bookings/:id/promo", h.applyPromo, buyer)
	e.POST("/bookings/:id/ticket-types", h.setTicketTypes, buyer)
	e.POST("/bookings/:id/food", h.setFood, buyer)
	e.POST("/bookings/:id/food-orders", h.addFood, buyer)
	e.POST("/bookings/:id/promo/remove", h.removePromo, buyer)
	e.POST("/bookings/:id/release", h.releaseBooking, buyer)
	e.POST("/bookings/:id/pay", h.payBooking, buyer)
	e.POST("/bookings/:id/cancel", h.cancelBooking, buyer, h.refuseTransferredCancel)
	e.GET("/bookings/:id/cancel-seats", h.cancelSeatsPage, buyer)
	e.POST("/bookings/:id/cancel-seats", h.cancelSeatsSubmit, buyer, h.refuseTransferredCancel)
	e.GET("/bookings/:id", h.bookingPage, buyer)
	e.GET("/bookings/:id/ticket", h.ticketPage, buyer)
	e.GET("/bookings/:id/ticket.pkpass", h.ticketPKPass, buyer)
	e.GET("/bookings/:id/ticket.ics", h.ticketICS, buyer)
	e.GET("/bookings/:id/ticket/google-wallet", h.ticketGoogleWallet, buyer)
	e.GET("/account/bookings", h.myBookingsPage, user)
	// Passing a booking's tickets to someone else (transfer_page.go): the
	// owner sends and withdraws offers; anyone with the link sees it and
	// accepts it, signed in or as a guest with the offer's address.
	e.POST("/bookings/:id/transfers", h.transferSend, user)
	// Moving a booking to another show (exchange_page.go).
	e.GET("/bookings/:id/exchange", h.exchangeShowsPage, user)
	e.GET("/bookings/:id/exchange/:showID", h.exchangeSeatsPage, user)
	e.POST("/bookings/:id/exchange/:showID", h.exchangeSubmit, user)
	e.POST("/bookings/:id/transfers/:tid/cancel", h.transferCancel, user)
	e.GET("/transfers/:token", h.transferOfferPage)
	e.POST("/transfers/:token/accept", h.transferAccept)
	// A sold-out show's waitlist (waitlist_page.go): join, leave, the
	// buyer's offer of held seats.
	e.GET("/shows/:id/waitlist", h.waitlistPage, user)
	e.POST("/shows/:id/waitlist", h.waitlistJoin, user)
	e.POST("/shows/:id/waitlist/leave", h.waitlistLeave, user)
	e.GET("/waitlist/offers/:id", h.waitlistOfferPage, user)
	e.POST("/waitlist/offers/:id/decline", h.waitlistDecline, user)

	// Staff: promo codes, the door, the booking desk and occupancy.
	// Promo codes are site-wide, so only Marquee's own staff see them;
	// the rest check the place (web.Allow, staffPlacesFor) in the handler.
	admin := e.Group("/admin", staff)
	platform := h.auth.Platform
	admin.GET("/promos", h.promoList, platform)
	admin.GET("/promos/new", h.promoNew, platform)
	admin.POST("/promos", h.promoCreate, platform)
	admin.POST("/promos/:id/deactivate", h.promoDeactivate, platform)
	admin.GET("/checkin", h.checkInPage)
	admin.POST("/checkin", h.checkIn)
	admin.GET("/bookings", h.staffBookings, web.RequireAnywhere(authz.Sell))
	admin.GET("/bookings/:code", h.staffBooking)
	admin.POST("/bookings/:code/cancel", h.staffCancel)
	admin.GET("/shows/:id/occupancy", h.staffOccupancy)
	admin.GET("/shows/:id/waitlist", h.staffWaitlist)
	// Manager reports, over the theaters the viewer may manage.
	admin.GET("/reports", h.reportPage, web.RequireAnywhere(authz.Manage))
	admin.GET("/reports/:file", h.reportCSV, web.RequireAnywhere(authz.Manage))

	// The box office: a till session per staff member, the counter's
	// seat map and sale, the printable tickets and receipt; managers see
	// their theaters' tills. Each place is checked again in the handler.
	sell, manage := web.RequireAnywhere(authz.Sell), web.RequireAnywhere(authz.Manage)
	admin.GET("/till", h.tillPage, sell)
	admin.POST("/till/open", h.tillOpen, sell)
	admin.POST("/till/close", h.tillClose, sell)
	admin.GET("/till/:id", h.tillSummaryPage, sell)
	admin.GET("/tills", h.tillList, manage)
	admin.GET("/kitchen", h.kitchenPage, sell)
	admin.POST("/kitchen/:id/collected", h.kitchenCollected, sell)
	admin.GET("/counter", h.counterShows, sell)
	admin.GET("/counter/shows/:id", h.counterShow, sell)
	admin.POST("/counter/shows/:id/sell", h.counterSell, sell)
	admin.GET("/counter/bookings/:code/print", h.counterPrint, sell)
	admin.GET("/counter/gift-cards", h.counterGiftCardForm, sell)
	admin.POST("/counter/gift-cards", h.counterGiftCardSell, sell)
	admin.POST("/counter/refunds/:code/pay", h.counterRefundPay, sell)

	// The JSON API for the mobile apps. A signed-out app may hold as a
	// guest; the routes about one booking then admit its guest token
	// (X-Guest-Token, checked by APIGuestToken) as well as a bearer token.
	v1 := e.Group("/api/v1")
	one := web.APIOrGuest(api)
	v1.GET("/tms/shows/:id/seats", h.apiTMSSeats, h.auth.Key(scopeShowsRead))
	v1.GET("/tms/shows/:id/bookings", h.apiTMSBookings, h.auth.Key(scopeBookingsRead))
	v1.GET("/shows/:id", h.apiShowDetail)
	v1.GET("/shows/:id/seats", h.apiSeatMap)
	v1.POST("/shows/:id/holds", h.apiHold, api)
	v1.POST("/shows/:id/holds/guest", h.apiHoldGuest)
	v1.DELETE("/holds/:id", h.apiReleaseHold, one)
	v1.GET("/bookings", h.apiBookings, api)
	v1.GET("/bookings/:id", h.apiBooking, one)
	v1.GET("/bookings/:id/checkout", h.apiCheckoutGet, one)
	v1.PUT("/bookings/:id/promo", h.apiPromoApply, one)
	v1.PUT("/bookings/:id/ticket-types", h.apiTicketTypesSet, one)
	v1.PUT("/bookings/:id/food", h.apiFoodSet, one)
	v1.GET("/bookings/:id/food-orders", h.apiFoodOrders, one)
	v1.POST("/bookings/:id/food-orders", h.apiFoodOrderAdd, one)
	v1.DELETE("/bookings/:id/promo", h.apiPromoRemove, one)
	v1.GET("/bookings/:id/events", h.apiBookingEvents, one)
	v1.GET("/bookings/:id/ticket", h.apiTicket, one)
	v1.GET("/bookings/:id/ticket.png", h.apiTicketPNG, one)
	v1.POST("/bookings/:id/payment", h.apiPay, one)
	v1.POST("/bookings/:id/cancel", h.apiCancel, one, h.refuseTransferredCancel)
	v1.POST("/bookings/:id/transfers", h.apiTransferSend, api)
	v1.DELETE("/bookings/:id/transfers/:tid", h.apiTransferCancel, api)
	v1.POST("/transfers/accept", h.apiTransferAccept, api)
	v1.POST("/transfers/accept/guest", h.apiTransferAcceptGuest)
	v1.GET("/bookings/:id/cancel-seats", h.apiCancelSeatsQuoteGet, one)
	v1.POST("/bookings/:id/cancel-seats", h.apiCancelSeats, one, h.refuseTransferredCancel)
	v1.GET("/bookings/:id/exchange/shows", h.apiExchangeShowsGet, api)
	v1.POST("/bookings/:id/exchange/quote", h.apiExchangeQuotePost, api)
	v1.POST("/bookings/:id/exchange", h.apiExchange, api)
	v1.POST("/shows/:id/waitlist", h.apiWaitlistJoin, api)
	v1.GET("/shows/:id/waitlist", h.apiWaitlistGet, api)
	v1.DELETE("/shows/:id/waitlist", h.apiWaitlistLeave, api)
	v1.GET("/me/waitlist", h.apiMyWaitlist, api)
}
