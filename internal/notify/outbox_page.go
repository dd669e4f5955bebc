package notify

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

func outboxRow(ctx context.Context, d Delivery) views.OutboxRow {
	return views.OutboxRow{ID: d.ID, Kind: i18n.T(ctx, d.Kind.Label()), Channel: d.Channel, Recipient: d.Recipient, Subject: d.Subject,
		Status: d.Status, Attempts: d.Attempts, Error: d.Error, ProviderID: d.ProviderID, Provider: d.Provider,
		When: utcTime(ctx, d.UpdatedAt)}
}

func (h *Handler) outbox(c echo.Context) error {
	ctx := c.Request().Context()
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	f := OutboxFilter{Status: c.QueryParam("status"), Channel: c.QueryParam("channel"), Query: strings.TrimSpace(c.QueryParam("q")), Before: before}
	list, err := h.svc.Outbox(ctx, f)
	if err != nil {
		return err
	}
	p := views.OutboxProps{Status: f.Status, Channel: f.Channel, Query: f.Query, Development: h.svc.Development()}
	if p.Sent, p.Failed, p.Waiting, err = h.svc.OutboxCounts(ctx); err != nil {
		return err
	}
	for _, d := range list {
		p.Rows = append(p.Rows, outboxRow(ctx, d))
	}
	if len(list) == OutboxPage {
		q := url.Values{"status": {f.Status}, "channel": {f.Channel}, "q": {f.Query},
			"before": {strconv.FormatInt(list[len(list)-1].ID, 10)}}
		p.NextHref = "/admin/outbox?" + q.Encode()
	}
	return web.Render(c, http.StatusOK, views.Outbox(p))
}

func (h *Handler) delivery(c echo.Context) (Delivery, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return Delivery{}, ErrNotFound
	}
	return h.svc.Delivery(c.Request().Context(), id)
}

func (h *Handler) outboxMessage(c echo.Context) error {
	d, err := h.delivery(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.OutboxMessage(views.OutboxMessageProps{Row: outboxRow(c.Request().Context(), d),
		Category: i18n.T(c.Request().Context(), d.Category.Label()), Text: d.Text, HasHTML: d.HTML != ""}))
}

// outboxHTML shows an email as its recipient would, under a policy of its
// own: the inline styles emails need, and no script at all.
func (h *Handler) outboxHTML(c echo.Context) error {
	d, err := h.delivery(c)
	if err != nil {
		return err
	}
	if d.HTML == "" {
		return ErrNotFound
	}
	c.Response().Header().Set("Content-Security-Policy",
		"default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'")
	return c.HTMLBlob(http.StatusOK, []byte(d.HTML))
}

// utcTime writes a moment for staff pages, in UTC and saying so.
func utcTime(ctx context.Context, t time.Time) string {
	t = t.UTC()
	return i18n.Day(ctx, t) + " " + t.Format("15:04:05") + " UTC"
}
