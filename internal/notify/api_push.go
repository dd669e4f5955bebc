package notify

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// pushRegistrationRequest registers a browser (kind webpush: the
// PushSubscription's endpoint and keys) or an app install (kind fcm or
// apns: its device token).
type pushRegistrationRequest struct {
	Kind     string `json:"kind"`
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
	Token      string `json:"token"`
	AppID      string `json:"app_id"`
	DeviceName string `json:"device_name"`
}

// pushRegistrationJSON is one registration. Its id carries the kind
// ("webpush_12", "fcm_3"), since browsers and app installs are kept apart.
type pushRegistrationJSON struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	Endpoint   string `json:"endpoint,omitempty"`
	UserAgent  string `json:"user_agent,omitempty"`
	Token      string `json:"token,omitempty"`
	AppID      string `json:"app_id,omitempty"`
	DeviceName string `json:"device_name,omitempty"`
	CreatedAt  string `json:"created_at"`
}

type pushRegistrationList struct {
	Items []pushRegistrationJSON `json:"items"`
}

const kindWebPush = "webpush"

func webPushJSON(d WebPushDevice) pushRegistrationJSON {
	return pushRegistrationJSON{ID: kindWebPush + "_" + strconv.FormatInt(d.ID, 10), Kind: kindWebPush, Endpoint: d.Endpoint,
		UserAgent: d.UserAgent, CreatedAt: d.CreatedAt.UTC().Format(time.RFC3339)}
}

func deviceJSON(d Device) pushRegistrationJSON {
	return pushRegistrationJSON{ID: d.Platform + "_" + strconv.FormatInt(d.ID, 10), Kind: d.Platform, Token: d.Token,
		AppID: d.AppID, DeviceName: d.DeviceName, CreatedAt: d.CreatedAt.UTC().Format(time.RFC3339)}
}

// apiPushRegister answers 201 with a new registration, 200 with the
// existing one when the endpoint or token is already the caller's.
func (h *Handler) apiPushRegister(c echo.Context) error {
	var in pushRegistrationRequest
	if err := c.Bind(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send a JSON object with kind and the device's endpoint or token.")
	}
	ctx, me := c.Request().Context(), web.UserID(c)
	var (
		out     pushRegistrationJSON
		created bool
	)
	switch in.Kind {
	case kindWebPush:
		before, err := h.svc.WebPushDevices(ctx, me)
		if err != nil {
			return err
		}
		created = true
		for _, d := range before {
			if d.Endpoint == in.Endpoint {
				created = false
			}
		}
		sub := PushSubscription{Endpoint: in.Endpoint, P256dh: in.Keys.P256dh, Auth: in.Keys.Auth}
		if err := h.svc.SubscribePush(ctx, me, sub, c.Request().UserAgent()); err != nil {
			return err
		}
		after, err := h.svc.WebPushDevices(ctx, me)
		if err != nil {
			return err
		}
		for _, d := range after {
			if d.Endpoint == in.Endpoint {
				out = webPushJSON(d)
			}
		}
		if out.ID == "" {
			return fmt.Errorf("push subscription of user %d vanished after saving: %w", me, ErrNotFound)
		}
	case PlatformFCM, PlatformAPNs:
		d, isNew, err := h.svc.RegisterDevice(ctx, me, Device{Platform: in.Kind, Token: in.Token, AppID: in.AppID,
			DeviceName: in.DeviceName})
		if err != nil {
			return err
		}
		out, created = deviceJSON(d), isNew
	default:
		var e validate.Errors
		e.Add("kind", `Choose "webpush", "fcm" or "apns".`)
		return e.Err()
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	if created {
		c.Response().Header().Set(echo.HeaderLocation, "/api/v1/me/push-registrations/"+out.ID)
		return c.JSON(http.StatusCreated, out)
	}
	return c.JSON(http.StatusOK, out)
}

// apiPushRegistrations lists the caller's browsers, then app installs.
func (h *Handler) apiPushRegistrations(c echo.Context) error {
	ctx, me := c.Request().Context(), web.UserID(c)
	browsers, err := h.svc.WebPushDevices(ctx, me)
	if err != nil {
		return err
	}
	apps, err := h.svc.Devices(ctx, me)
	if err != nil {
		return err
	}
	out := pushRegistrationList{Items: make([]pushRegistrationJSON, 0, len(browsers)+len(apps))}
	for _, d := range browsers {
		out.Items = append(out.Items, webPushJSON(d))
	}
	for _, d := range apps {
		out.Items = append(out.Items, deviceJSON(d))
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// apiPushUnregister forgets one registration of the caller's; anyone
// else's, or an id that never was, answers 404.
func (h *Handler) apiPushUnregister(c echo.Context) error {
	ctx, me := c.Request().Context(), web.UserID(c)
	kind, num, _ := strings.Cut(c.Param("id"), "_")
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("push registration %q: %w", c.Param("id"), ErrNotFound)
	}
	switch kind {
	case kindWebPush:
		err = h.svc.RemoveWebPushDevice(ctx, me, id)
	case PlatformFCM, PlatformAPNs:
		err = h.svc.RemoveDevice(ctx, me, kind, id)
	default:
		err = fmt.Errorf("push registration %q: %w", c.Param("id"), ErrNotFound)
	}
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
