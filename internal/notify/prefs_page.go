package notify

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

func (h *Handler) prefsProps(c echo.Context, userID int64, p Preferences) (views.PrefsProps, error) {
	ctx := c.Request().Context()
	props := views.PrefsProps{QuietOn: p.QuietOn, QuietFrom: hhmm(p.QuietFrom), QuietTo: hhmm(p.QuietTo), TimeZone: p.TimeZone,
		SMSOn: h.svc.SMSEnabled(), PushKey: h.svc.VAPIDPublicKey()}
	for _, cat := range Categories() {
		ch := p.Channels[cat]
		props.Rows = append(props.Rows, views.PrefRow{Key: string(cat), Label: i18n.T(ctx, cat.Label()), Hint: i18n.T(ctx, cat.Hint()), Email: ch.Email,
			SMS: ch.SMS, Push: ch.Push, EmailLocked: cat == Transactional, Marketing: cat.Marketing()})
	}
	contacts, err := h.svc.users.Contacts(ctx, []int64{userID})
	if err != nil {
		return views.PrefsProps{}, fmt.Errorf("contacts of user %d: %w", userID, err)
	}
	props.HasPhone = len(contacts) == 1 && contacts[0].Phone != ""
	if props.PushDevices, err = h.svc.PushDevices(ctx, userID); err != nil {
		return views.PrefsProps{}, err
	}
	return props, nil
}

func (h *Handler) prefsPage(c echo.Context) error {
	ctx := c.Request().Context()
	me := webctx.From(ctx).User.ID
	p, err := h.svc.Preferences(ctx, me)
	if err != nil {
		return err
	}
	props, err := h.prefsProps(c, me, p)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Prefs(props))
}

func (h *Handler) prefsSave(c echo.Context) error {
	ctx := c.Request().Context()
	me := webctx.From(ctx).User.ID
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "That form could not be read."))
	}
	p := Preferences{Channels: map[Category]Channels{}, QuietOn: form.Get("quiet_on") == "1", TimeZone: form.Get("time_zone")}
	for _, cat := range Categories() {
		k := string(cat)
		p.Channels[cat] = Channels{Email: form.Get(k+".email") == "1", SMS: form.Get(k+".sms") == "1", Push: form.Get(k+".push") == "1"}
	}
	var bad validate.Errors
	if p.QuietFrom, err = minutes(form.Get("quiet_from")); err != nil {
		bad.Add("quiet_from", i18n.Msg("Enter a time like 21:00."))
	}
	if p.QuietTo, err = minutes(form.Get("quiet_to")); err != nil {
		bad.Add("quiet_to", i18n.Msg("Enter a time like 08:00."))
	}
	err = bad.Err()
	if err == nil {
		err = h.svc.SavePreferences(ctx, me, p)
	}
	if fields, ok := validate.Fields(err); ok {
		props, perr := h.prefsProps(c, me, p)
		if perr != nil {
			return perr
		}
		for k, msg := range fields {
			fields[k] = i18n.T(ctx, msg)
		}
		props.QuietFrom, props.QuietTo, props.Errors = form.Get("quiet_from"), form.Get("quiet_to"), fields
		return web.Render(c, http.StatusUnprocessableEntity, views.Prefs(props))
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Message settings saved."))
	return web.Redirect(c, "/account/notifications")
}

// pushRequest is what push.js posts: the browser's PushSubscription JSON.
type pushRequest struct {
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
}

func readPush(c echo.Context) (pushRequest, error) {
	var req pushRequest
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, 8<<10))
	if err == nil {
		err = json.Unmarshal(body, &req)
	}
	if err != nil {
		return req, fmt.Errorf("read push subscription: %w", validate.ErrInvalid)
	}
	return req, nil
}

func (h *Handler) pushSubscribe(c echo.Context) error {
	ctx := c.Request().Context()
	req, err := readPush(c)
	if err != nil {
		return err
	}
	err = h.svc.SubscribePush(ctx, webctx.From(ctx).User.ID,
		PushSubscription{Endpoint: req.Endpoint, P256dh: req.Keys.P256dh, Auth: req.Keys.Auth}, c.Request().UserAgent())
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Handler) pushUnsubscribe(c echo.Context) error {
	ctx := c.Request().Context()
	req, err := readPush(c)
	if err != nil {
		return err
	}
	if req.Endpoint == "" {
		return fmt.Errorf("no endpoint: %w", validate.ErrInvalid)
	}
	if err := h.svc.UnsubscribePush(ctx, webctx.From(ctx).User.ID, req.Endpoint); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func hhmm(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func minutes(v string) (int, error) {
	var hh, mm int
	if _, err := fmt.Sscanf(v, "%d:%d", &hh, &mm); err != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("time %q: %w", v, validate.ErrInvalid)
	}
	return hh*60 + mm, nil
}
