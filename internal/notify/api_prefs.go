package notify

import (
	"net/http"
	"sort"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// channelsJSON is one category's channels.
type channelsJSON struct {
	Email bool `json:"email"`
	SMS   bool `json:"sms"`
	Push  bool `json:"push"`
}

// categoryJSON describes a category as the preferences page does.
type categoryJSON struct {
	Key         string `json:"key"`
	Label       string `json:"label"`
	Hint        string `json:"hint"`
	Marketing   bool   `json:"marketing"`
	EmailLocked bool   `json:"email_locked"`
}

// prefsJSON is GET /me/notifications: the choices, and what the page
// shows around them (labels, which channels this server has).
type prefsJSON struct {
	Channels     map[Category]channelsJSON `json:"channels"`
	QuietOn      bool                      `json:"quiet_on"`
	QuietFrom    string                    `json:"quiet_from"`
	QuietTo      string                    `json:"quiet_to"`
	TimeZone     string                    `json:"time_zone"`
	Categories   []categoryJSON            `json:"categories"`
	SMSAvailable bool                      `json:"sms_available"`
	HasPhone     bool                      `json:"has_phone"`
	WebPushKey   string                    `json:"web_push_key"`
	PushDevices  int                       `json:"push_devices"`
}

// prefsPut is PUT /me/notifications: the whole set of choices, as the
// page's form sends it.
type prefsPut struct {
	Channels  map[string]channelsJSON `json:"channels"`
	QuietOn   *bool                   `json:"quiet_on"`
	QuietFrom string                  `json:"quiet_from"`
	QuietTo   string                  `json:"quiet_to"`
	TimeZone  string                  `json:"time_zone"`
}

func (h *Handler) apiPrefsJSON(c echo.Context, userID int64) (prefsJSON, error) {
	ctx := c.Request().Context()
	p, err := h.svc.Preferences(ctx, userID)
	if err != nil {
		return prefsJSON{}, err
	}
	props, err := h.prefsProps(c, userID, p)
	if err != nil {
		return prefsJSON{}, err
	}
	out := prefsJSON{Channels: map[Category]channelsJSON{}, QuietOn: p.QuietOn, QuietFrom: hhmm(p.QuietFrom),
		QuietTo: hhmm(p.QuietTo), TimeZone: p.TimeZone, SMSAvailable: props.SMSOn, HasPhone: props.HasPhone,
		WebPushKey: props.PushKey, PushDevices: props.PushDevices}
	for _, cat := range Categories() {
		ch := p.Channels[cat]
		out.Channels[cat] = channelsJSON(ch)
		out.Categories = append(out.Categories, categoryJSON{Key: string(cat), Label: cat.Label(), Hint: cat.Hint(),
			Marketing: cat.Marketing(), EmailLocked: cat == Transactional})
	}
	return out, nil
}

func (h *Handler) apiPrefs(c echo.Context) error {
	out, err := h.apiPrefsJSON(c, web.UserID(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// apiPrefsPut replaces the caller's choices with the same rules as the
// page: a category left out has every channel off, transactional email
// stays on, and quiet hours are "HH:MM" in a known time zone.
func (h *Handler) apiPrefsPut(c echo.Context) error {
	var in prefsPut
	if err := c.Bind(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send a JSON object with channels and quiet hours.")
	}
	p := Preferences{Channels: map[Category]Channels{}, TimeZone: in.TimeZone}
	var bad validate.Errors
	unknown := []string{}
	for k, ch := range in.Channels {
		if !Category(k).Valid() {
			unknown = append(unknown, k)
			continue
		}
		p.Channels[Category(k)] = Channels(ch)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		bad.Add("channels", "There is no message category called "+unknown[0]+".")
	}
	if in.QuietOn == nil {
		bad.Add("quiet_on", "Say whether quiet hours are on (true or false).")
	} else {
		p.QuietOn = *in.QuietOn
	}
	var err error
	if p.QuietFrom, err = minutes(in.QuietFrom); err != nil {
		bad.Add("quiet_from", "Enter a time like 21:00.")
	}
	if p.QuietTo, err = minutes(in.QuietTo); err != nil {
		bad.Add("quiet_to", "Enter a time like 08:00.")
	}
	if err := bad.Err(); err != nil {
		return err
	}
	me := web.UserID(c)
	if err := h.svc.SavePreferences(c.Request().Context(), me, p); err != nil {
		return err
	}
	return h.apiPrefs(c)
}
