package payments

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// adminPageSize is how many rows a list page shows.
const adminPageSize = 50

// adminTime formats a moment for staff, in the server's zone.
func adminTime(ctx context.Context, t time.Time) string {
	t = t.Local()
	return i18n.Date(ctx, t) + " " + t.Format("15:04:05")
}

// stateLabels name payment states for staff; views translate them.
var stateLabels = map[State]string{
	RequiresPayment: i18n.Msg("requires payment"), Processing: i18n.Msg("processing"), Failed: i18n.Msg("failed"),
	Succeeded: i18n.Msg("succeeded"), PartiallyRefunded: i18n.Msg("partially refunded"), Refunded: i18n.Msg("refunded"),
}

// stateLabel is s's name for staff.
func stateLabel(s State) string { return cmp.Or(stateLabels[s], string(s)) }

// stateTone colours a payment state's badge.
func stateTone(s State) string {
	switch s {
	case Succeeded:
		return "ok"
	case Failed:
		return "danger"
	case Processing, RequiresPayment, PartiallyRefunded:
		return "warn"
	}
	return "muted"
}

func paymentRow(ctx context.Context, p Payment) views.PaymentRow {
	r := views.PaymentRow{ID: p.ID, Href: fmt.Sprintf("/admin/payments/%d", p.ID), BookingCode: p.BookingCode,
		BookingHref: "/admin/bookings?q=" + url.QueryEscape(p.BookingCode), Amount: money.Format(p.Amount, p.Currency),
		State: stateLabel(p.State), Tone: stateTone(p.State), Provider: p.Provider, ProviderID: p.ProviderID, Attempt: p.Attempt,
		Created: adminTime(ctx, p.CreatedAt)}
	if p.Refunded > 0 {
		r.Refunded = money.Format(p.Refunded, p.Currency)
	}
	if p.CardLast4 != "" {
		r.Card = p.CardBrand + " ·· " + p.CardLast4
	}
	return r
}

// pageOffset reads ?page= (1-based).
func pageOffset(c echo.Context) (page, offset int) {
	page, _ = strconv.Atoi(c.QueryParam("page"))
	page = max(page, 1)
	return page, (page - 1) * adminPageSize
}

// pageLinks are the Newer/Older links of page, given whether it was full.
func pageLinks(base url.Values, path string, page int, full bool) (prev, next string) {
	link := func(n int) string {
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		q.Set("page", strconv.Itoa(n))
		return path + "?" + q.Encode()
	}
	if page > 1 {
		prev = link(page - 1)
	}
	if full {
		next = link(page + 1)
	}
	return prev, next
}

// adminList is GET /admin/payments[?state=]: payments, newest first, with
// a filter by state, the successes held for not matching their payment,
// and the latest daily check.
func (h *Handler) adminList(c echo.Context) error {
	ctx := c.Request().Context()
	state := State(c.QueryParam("state"))
	if state.rank() < 0 {
		state = ""
	}
	page, offset := pageOffset(c)
	rows, err := h.svc.Payments(ctx, state, 0, adminPageSize, offset)
	if err != nil {
		return err
	}
	counts, err := h.svc.StateCounts(ctx)
	if err != nil {
		return err
	}
	check, err := h.svc.LatestCheck(ctx)
	if err != nil {
		return err
	}
	held, err := h.svc.Mismatches(ctx, adminPageSize)
	if err != nil {
		return err
	}
	p := views.AdminListProps{}
	for _, m := range held {
		p.Mismatches = append(p.Mismatches, views.MismatchRow{PaymentID: m.PaymentID, PaymentHref: fmt.Sprintf("/admin/payments/%d", m.PaymentID),
			State: stateLabel(m.State), At: adminTime(ctx, m.At), Note: m.Note})
	}
	var total int64
	for _, n := range counts {
		total += n
	}
	p.States = append(p.States, views.StateFilter{Label: i18n.T(ctx, "All"), Href: "/admin/payments", Count: total, Current: state == ""})
	for _, s := range []State{Succeeded, Processing, RequiresPayment, Failed, PartiallyRefunded, Refunded} {
		p.States = append(p.States, views.StateFilter{Label: i18n.T(ctx, stateLabel(s)), Href: "/admin/payments?state=" + string(s),
			Count: counts[s], Current: state == s})
	}
	for _, r := range rows {
		p.Rows = append(p.Rows, paymentRow(ctx, r))
	}
	q := url.Values{}
	if state != "" {
		q.Set("state", string(state))
	}
	p.PrevHref, p.NextHref = pageLinks(q, "/admin/payments", page, len(rows) == adminPageSize)
	if check != nil {
		cv := &views.CheckView{At: adminTime(ctx, check.At), Bookings: check.Bookings}
		for _, d := range check.Found {
			cv.Found = append(cv.Found, views.DisagreementRow{BookingID: d.BookingID, PaymentHref: fmt.Sprintf("/admin/payments/%d", d.PaymentID),
				PaymentState: stateLabel(d.PaymentState), BookingState: d.BookingState, Note: d.Note})
		}
		p.Check = cv
	}
	return web.Render(c, http.StatusOK, views.AdminPayments(p))
}

// adminDetail is GET /admin/payments/:id. Errors: ErrNotFound.
func (h *Handler) adminDetail(c echo.Context) error {
	return h.renderDetail(c, http.StatusOK, nil, "", "")
}

// renderDetail renders a payment's page; errs, amount and reason refill a
// refused refund form.
func (h *Handler) renderDetail(c echo.Context, status int, errs validate.Errors, amount, reason string) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	d, err := h.svc.Detail(ctx, id)
	if err != nil {
		return err
	}
	p := d.Payment
	props := views.AdminDetailProps{Payment: paymentRow(ctx, p), Description: p.Description, HoldUntil: adminTime(ctx, p.HoldExpiresAt),
		IdempotencyKey: p.key, OutcomeNote: p.OutcomeNote, Amount: amount, Reason: reason, Errors: errs,
		RefundAction: fmt.Sprintf("/admin/payments/%d/refund", p.ID), Nonce: newNonce()}
	if p.FailureCode != "" {
		props.Failure = p.FailureCode + ": " + p.FailureMessage
	}
	if u := webctx.From(c.Request().Context()).User; u != nil && u.Admin && d.Refundable > 0 {
		props.CanRefund, props.Refundable = true, money.Format(d.Refundable, p.Currency)
	}
	for _, hst := range d.History {
		props.History = append(props.History, views.HistoryRow{At: adminTime(ctx, hst.At), From: stateLabel(hst.From), To: stateLabel(hst.To),
			Source: hst.Source, Note: hst.Note})
	}
	for _, r := range d.Refunds {
		tone := map[string]string{"succeeded": "ok", "pending": "warn", "failed": "danger"}[r.State]
		props.Refunds = append(props.Refunds, views.RefundRow{Amount: money.Format(r.Amount, p.Currency), State: r.State, Tone: tone,
			Reason: r.Reason, ProviderID: r.ProviderID, Error: r.Error, RequestedBy: r.RequestedBy, At: adminTime(ctx, r.CreatedAt)})
	}
	for _, e := range d.Events {
		props.Events = append(props.Events, eventRow(ctx, e))
	}
	return web.Render(c, status, views.AdminPayment(props))
}

// adminRefund is POST /admin/payments/:id/refund (admins): refunds the
// amount typed. The form's nonce makes a double submission refund once.
// Errors: ErrNotFound, ErrNotRefundable.
func (h *Handler) adminRefund(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	typed, reason := c.FormValue("amount"), c.FormValue("reason")
	amount, ok := money.Parse(typed)
	if !ok {
		return h.renderDetail(c, http.StatusUnprocessableEntity, validate.Errors{"amount": i18n.T(c.Request().Context(), "Enter an amount like 12.50.")}, typed, reason)
	}
	nonce := c.FormValue("nonce")
	if nonce == "" {
		nonce = newNonce()
	}
	by := "staff"
	if u := web.CurrentUser(c); u != nil {
		by = u.Email
	}
	_, err = h.svc.AdminRefund(c.Request().Context(), id, amount, reason, nonce, by)
	var fields validate.Errors
	if errors.As(err, &fields) {
		return h.renderDetail(c, http.StatusUnprocessableEntity, fields, typed, reason)
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Refund of {{.Amount}} requested. It settles when the provider confirms it.", "Amount", typed))
	return web.Redirect(c, fmt.Sprintf("/admin/payments/%d", id))
}

func eventRow(ctx context.Context, e Event) views.EventRow {
	r := views.EventRow{ID: e.ID, Provider: e.Provider, EventID: e.EventID, Type: e.Type, ObjectID: e.ObjectID,
		Received: adminTime(ctx, e.ReceivedAt), Attempts: e.Attempts, Result: e.Result, LastError: e.LastError,
		ReplayAction: fmt.Sprintf("/admin/webhooks/%d/replay", e.ID)}
	if e.AppliedAt != nil {
		r.Applied = adminTime(ctx, *e.AppliedAt)
	}
	return r
}

// adminWebhooks is GET /admin/webhooks: the provider event log.
func (h *Handler) adminWebhooks(c echo.Context) error {
	page, offset := pageOffset(c)
	ctx := c.Request().Context()
	events, err := h.svc.Events(ctx, "", adminPageSize, offset)
	if err != nil {
		return err
	}
	u := webctx.From(c.Request().Context()).User
	p := views.WebhooksProps{CanReplay: u != nil && u.Admin}
	for _, e := range events {
		p.Rows = append(p.Rows, eventRow(ctx, e))
	}
	p.PrevHref, p.NextHref = pageLinks(url.Values{}, "/admin/webhooks", page, len(events) == adminPageSize)
	return web.Render(c, http.StatusOK, views.AdminWebhooks(p))
}

// adminReplay is POST /admin/webhooks/:id/replay (admins): applies a
// stored event again. Errors: ErrNotFound.
func (h *Handler) adminReplay(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	kind, msg := webctx.FlashSuccess, i18n.T(ctx, "Event replayed.")
	if err := h.svc.Replay(ctx, id); errors.Is(err, ErrNotFound) {
		return err
	} else if err != nil {
		kind, msg = webctx.FlashError, i18n.T(ctx, "The event could not be applied; its error is shown below.")
	}
	h.auth.Flash(c, kind, msg)
	return web.Redirect(c, "/admin/webhooks")
}

// newNonce makes the refund form's one-time key.
func newNonce() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
