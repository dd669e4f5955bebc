package payments

import (
	"net/http"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// ErrorStatuses maps the module's sentinel errors to HTTP statuses and API
// error codes; the assembly joins every module's table into the one error
// edge, so a status is the same in a module test and in production.
var ErrorStatuses = []web.ErrorStatus{
	{Err: ErrNotFound, Status: http.StatusNotFound, Code: "not_found"},
	{Err: ErrTooManyAttempts, Status: http.StatusConflict, Code: "too_many_attempts"},
	{Err: ErrHoldExpired, Status: http.StatusConflict, Code: "hold_expired"},
	{Err: ErrNotPayable, Status: http.StatusConflict, Code: "not_payable"},
	{Err: ErrNotRefundable, Status: http.StatusConflict, Code: "not_refundable"},
	{Err: ErrBadSignature, Status: http.StatusBadRequest, Code: "bad_signature"},
	{Err: ErrBadEvent, Status: http.StatusBadRequest, Code: "bad_event"},
	{Err: ErrProvider, Status: http.StatusServiceUnavailable, Code: "provider_unavailable"},
	{Err: ErrEventBusy, Status: http.StatusServiceUnavailable, Code: "busy"},
	{Err: ErrGiftCardUnknown, Status: http.StatusNotFound, Code: "unknown_gift_card"},
	{Err: ErrGiftCardExpired, Status: http.StatusUnprocessableEntity, Code: "gift_card_expired"},
	{Err: ErrGiftCardEmpty, Status: http.StatusUnprocessableEntity, Code: "gift_card_empty"},
	{Err: ErrGiftCardCurrency, Status: http.StatusUnprocessableEntity, Code: "gift_card_currency"},
	{Err: ErrGiftCardChain, Status: http.StatusUnprocessableEntity, Code: "gift_card_chain"},
	{Err: ErrGiftCardInUse, Status: http.StatusConflict, Code: "gift_card_in_use"},
	{Err: ErrGiftCardForGiftCard, Status: http.StatusUnprocessableEntity, Code: "gift_card_for_gift_card"},
}
