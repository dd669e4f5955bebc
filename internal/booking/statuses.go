package booking

import (
	"net/http"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// ErrorStatuses maps the module's sentinel errors to HTTP statuses and API
// error codes; the assembly joins every module's table into the one error
// edge, so a status is the same in a module test and in production.
var ErrorStatuses = []web.ErrorStatus{
	{Err: ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: ErrSeatTaken, Status: http.StatusConflict, Code: "seat_taken"},
	{Err: ErrNotOnSale, Status: http.StatusConflict, Code: "not_on_sale"},
	{Err: ErrHoldLimit, Status: http.StatusTooManyRequests, Code: "hold_limit"},
	{Err: ErrCancelClosed, Status: http.StatusConflict, Code: "cancel_closed"},
	{Err: ErrNotCancellable, Status: http.StatusConflict, Code: "not_cancellable"},
	// Cancelling food lines (cancel_food.go).
	{Err: ErrFoodCancelClosed, Status: http.StatusConflict, Code: "food_cancel_closed"},
	{Err: ErrNothingToCancel, Status: http.StatusUnprocessableEntity, Code: "nothing_to_cancel"},
	{Err: ErrNotPayable, Status: http.StatusConflict, Code: "not_payable"},
	{Err: ErrPaid, Status: http.StatusConflict, Code: "already_paid"},
	// A guest token past GuestLinkLife (the web's link shows a page instead).
	{Err: ErrGuestLinkExpired, Status: http.StatusUnauthorized, Code: "guest_token_expired"},
	{Err: ErrGuestToken, Status: http.StatusUnauthorized, Code: "invalid_guest_token"},
	// Passing tickets on (transfer.go).
	{Err: ErrTransferGone, Status: http.StatusGone, Code: "transfer_gone"},
	{Err: ErrNotTransferable, Status: http.StatusConflict, Code: "not_transferable"},
	{Err: ErrTransferPending, Status: http.StatusConflict, Code: "transfer_pending"},
	{Err: ErrTransferLimit, Status: http.StatusTooManyRequests, Code: "transfer_limit"},
	{Err: ErrTransferredNoCancel, Status: http.StatusConflict, Code: "transferred_no_cancel"},
	// Moving a booking to another show (exchange.go).
	{Err: ErrExchangeClosed, Status: http.StatusConflict, Code: "exchange_closed"},
	{Err: ErrNotExchangeable, Status: http.StatusConflict, Code: "not_exchangeable"},
	{Err: ErrSameShow, Status: http.StatusConflict, Code: "same_show"},
	{Err: ErrShowNotAllowed, Status: http.StatusConflict, Code: "show_not_allowed"},
	{Err: ErrExchangeChanged, Status: http.StatusConflict, Code: "exchange_changed"},
	{Err: ErrTicketTypeNotOffered, Status: http.StatusConflict, Code: "ticket_type_not_offered"},
	// The waitlist of a sold-out show (waitlist.go).
	{Err: ErrNotSoldOut, Status: http.StatusConflict, Code: "not_sold_out"},
	{Err: ErrAlreadyWaiting, Status: http.StatusConflict, Code: "already_waiting"},
}
