package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/web/templates/pages"
)

// ErrorStatus maps a module's sentinel error to an HTTP status and an API
// error code. Sentinel messages are written for users ("that seat was just
// taken"), so for statuses below 500 the sentinel's own text is shown.
type ErrorStatus struct {
	Err    error
	Status int
	Code   string
}

// Problem is the problem+json body (RFC 9457) the API answers errors with.
type Problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Code      string `json:"code"`
	RequestID string `json:"request_id,omitempty"`
	// Fields names what is wrong with each invalid input field.
	Fields map[string]string `json:"fields,omitempty"`
}

type errorHandler struct {
	log      *slog.Logger
	statuses []ErrorStatus
}

func (h *errorHandler) handle(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
		// The client went away (or the server is stopping): nobody reads
		// an answer, and it is not a failure of ours.
		c.Response().WriteHeader(StatusClientClosed)
		return
	}
	status, code, msg := h.classify(err)
	// The answer is written even when the request's deadline has passed
	// (templ refuses to render on an ended context).
	c.SetRequest(c.Request().WithContext(context.WithoutCancel(c.Request().Context())))
	reqID := c.Response().Header().Get(echo.HeaderXRequestID)
	if status == http.StatusServiceUnavailable {
		c.Response().Header().Set("Retry-After", retryAfterSeconds)
	}
	if status >= 500 {
		h.log.Error("request failed", "id", reqID, "method", c.Request().Method,
			"path", c.Request().URL.Path, "err", err)
	}
	var werr error
	switch {
	case c.Request().Method == http.MethodHead:
		werr = c.NoContent(status)
	case strings.HasPrefix(c.Request().URL.Path, "/api/"):
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		p := Problem{Type: "about:blank", Title: http.StatusText(status),
			Status: status, Detail: msg, Code: code, RequestID: reqID}
		if fields, ok := validate.Fields(err); ok {
			p.Fields = fields
		}
		werr = c.JSON(status, p)
	case IsHTMX(c):
		// htmx is configured (static/js/app.js) to swap error responses into
		// the page's alert region rather than replacing the target.
		c.Response().Header().Set("HX-Retarget", "#alerts")
		c.Response().Header().Set("HX-Reswap", "innerHTML")
		werr = Render(c, status, pages.ErrorAlert(msg, reqID))
	case status == http.StatusNotFound:
		werr = Render(c, status, pages.NotFound())
	default:
		werr = Render(c, status, pages.Error(status, http.StatusText(status), msg, reqID))
	}
	if werr != nil {
		h.log.Error("write error response", "id", reqID, "err", werr)
	}
}

// classify decides status, API code and the message a user may read.
func (h *errorHandler) classify(err error) (status int, code, msg string) {
	for _, s := range h.statuses {
		if errors.Is(err, s.Err) {
			if s.Status >= 500 {
				return s.Status, s.Code, genericMessage
			}
			return s.Status, s.Code, s.Err.Error()
		}
	}
	if pg.IsBusy(err) {
		return http.StatusServiceUnavailable, "busy", busyMessage
	}
	if pg.IsUnavailable(err) {
		return http.StatusServiceUnavailable, "unavailable", unavailableMessage
	}
	if pg.IsBadInput(err) {
		return http.StatusBadRequest, "bad_request", i18n.Msg("That request contains characters or values we can't read.")
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		if he.Code >= 500 {
			return he.Code, codeFor(he.Code), genericMessage
		}
		return he.Code, codeFor(he.Code), publicMessage(he)
	}
	return http.StatusInternalServerError, "internal", genericMessage
}

// StatusClientClosed is the status logged for a request whose client left
// before its answer was ready (nginx's 499).
const StatusClientClosed = 499

// busyMessage answers work that ran out of time: a deadline, a statement
// or lock timeout. The response carries Retry-After.
var busyMessage = i18n.Msg("We're very busy right now and couldn't finish that in time. Nothing was changed that you can't see; please try again in a few seconds.")

// unavailableMessage answers work that found the database unreachable (it
// is restarting, or down): the response carries Retry-After.
var unavailableMessage = i18n.Msg("We can't reach our database for a moment. Nothing was changed; please try again in a few seconds.")

// retryAfterSeconds is what a 503 asks clients to wait before trying again.
const retryAfterSeconds = "2"

// genericMessage answers every failure of ours; the messages here are
// English ids the error page and alert show in the visitor's language
// (problem+json keeps the English).
var genericMessage = i18n.Msg("Something went wrong on our side. It has been logged; please try again in a moment.")

func publicMessage(he *echo.HTTPError) string {
	switch he.Code {
	case http.StatusNotFound:
		return i18n.Msg("We couldn't find that page.")
	case http.StatusMethodNotAllowed:
		return i18n.Msg("That action isn't available here.")
	case http.StatusRequestEntityTooLarge:
		return i18n.Msg("That upload is too large.")
	}
	if s, ok := he.Message.(string); ok && s != "" {
		return s
	}
	return http.StatusText(he.Code)
}

func codeFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusConflict:
		return "conflict"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnprocessableEntity:
		return "invalid"
	case http.StatusTooManyRequests:
		return "rate_limited"
	}
	return fmt.Sprintf("http_%d", status)
}

// CommonStatuses maps the errors every module shares (invalid input) to
// their status; the assembly puts it before the modules' own tables.
var CommonStatuses = []ErrorStatus{
	{Err: validate.ErrInvalid, Status: http.StatusUnprocessableEntity, Code: "invalid"},
	{Err: ErrBadCursor, Status: http.StatusBadRequest, Code: "bad_cursor"},
	{Err: ErrBadLimit, Status: http.StatusBadRequest, Code: "bad_limit"},
}
