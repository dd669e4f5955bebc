package notify_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/notify"
)

type pushRegistration struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	Endpoint   string `json:"endpoint"`
	Token      string `json:"token"`
	AppID      string `json:"app_id"`
	DeviceName string `json:"device_name"`
}

// pushServer is the app with web push keys.
func pushServer(t *testing.T) *apptest.Server {
	t.Helper()
	public, private, err := notify.GenerateVAPIDKeys()
	require.NoError(t, err)
	return apptest.New(t, apptest.Options{Env: map[string]string{"VAPID_PUBLIC_KEY": public, "VAPID_PRIVATE_KEY": private}})
}

func TestAPIAppRegistersBrowsersAndDevicesForPushOncePerToken(t *testing.T) {
	t.Parallel()
	s := pushServer(t)
	c, u := s.APIUser(t, "Ada", account.Customer)
	sub := browserSubscription(t, "https://push.example/ada-laptop")

	r := c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", map[string]any{"kind": "webpush", "endpoint": sub.Endpoint,
		"keys": map[string]string{"p256dh": sub.P256dh, "auth": sub.Auth}})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var web pushRegistration
	r.JSON(t, &web)
	require.Equal(t, "webpush", web.Kind)
	require.Equal(t, "/api/v1/me/push-registrations/"+web.ID, r.Header.Get("Location"))
	n, err := s.Notify.PushDevices(t.Context(), u.ID)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the browser is where the web's own subscriptions are")

	fcm := map[string]any{"kind": "fcm", "token": "fcm-token-ada-pixel", "app_id": "com.marquee.app", "device_name": "Ada's Pixel"}
	r = c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", fcm)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var phone pushRegistration
	r.JSON(t, &phone)
	require.Equal(t, "fcm", phone.Kind)
	require.Equal(t, "Ada's Pixel", phone.DeviceName)

	r = c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", fcm)
	require.Equal(t, http.StatusOK, r.Status, "the same token again answers the existing registration: %s", r.Body)
	var again pushRegistration
	r.JSON(t, &again)
	require.Equal(t, phone.ID, again.ID)

	r = c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", map[string]any{"kind": "apns", "token": "a1b2c3d4e5f6"})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)

	r = c.Do(t, http.MethodGet, "/api/v1/me/push-registrations", nil)
	require.Equal(t, http.StatusOK, r.Status)
	var list struct {
		Items []pushRegistration `json:"items"`
	}
	r.JSON(t, &list)
	require.Len(t, list.Items, 3)
	require.Equal(t, []string{"webpush", "fcm", "apns"}, []string{list.Items[0].Kind, list.Items[1].Kind, list.Items[2].Kind})

	r = c.Do(t, http.MethodDelete, "/api/v1/me/push-registrations/"+phone.ID, nil)
	require.Equal(t, http.StatusNoContent, r.Status, "%s", r.Body)
	r = c.Do(t, http.MethodDelete, "/api/v1/me/push-registrations/"+web.ID, nil)
	require.Equal(t, http.StatusNoContent, r.Status, "%s", r.Body)
	r = c.Do(t, http.MethodDelete, "/api/v1/me/push-registrations/"+phone.ID, nil)
	require.Equal(t, http.StatusNotFound, r.Status, "gone once")
	r.Problem(t)
	r = c.Do(t, http.MethodGet, "/api/v1/me/push-registrations", nil)
	r.JSON(t, &list)
	require.Len(t, list.Items, 1)
	require.Equal(t, "apns", list.Items[0].Kind)
}

func TestAPIAnotherUsersPushRegistrationIsNotFound(t *testing.T) {
	t.Parallel()
	s := pushServer(t)
	ada, _ := s.APIUser(t, "Ada", account.Customer)
	eve, _ := s.APIUser(t, "Eve", account.Customer)
	r := ada.Do(t, http.MethodPost, "/api/v1/me/push-registrations", map[string]any{"kind": "apns", "token": "ada-iphone"})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var reg pushRegistration
	r.JSON(t, &reg)

	r = eve.Do(t, http.MethodDelete, "/api/v1/me/push-registrations/"+reg.ID, nil)
	require.Equal(t, http.StatusNotFound, r.Status)
	require.Equal(t, "not_found", r.Problem(t).Code)
	r = eve.Do(t, http.MethodDelete, "/api/v1/me/push-registrations/fcm_"+reg.ID[len("apns_"):], nil)
	require.Equal(t, http.StatusNotFound, r.Status, "an id under the wrong kind is not found either")
	r = eve.Do(t, http.MethodDelete, "/api/v1/me/push-registrations/nonsense", nil)
	require.Equal(t, http.StatusNotFound, r.Status)
	r.Problem(t)

	r = eve.Do(t, http.MethodGet, "/api/v1/me/push-registrations", nil)
	var list struct {
		Items []pushRegistration `json:"items"`
	}
	r.JSON(t, &list)
	require.Empty(t, list.Items, "Eve does not see Ada's devices")

	r = ada.Do(t, http.MethodGet, "/api/v1/me/push-registrations", nil)
	r.JSON(t, &list)
	require.Len(t, list.Items, 1, "Ada's device is still hers")
}

func TestAPIPushRegistrationRefusesBadInputAndStrangers(t *testing.T) {
	t.Parallel()
	s := pushServer(t)
	c, _ := s.APIUser(t, "Ada", account.Customer)
	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"no kind", map[string]any{"token": "abc"}, "kind"},
		{"an unknown kind", map[string]any{"kind": "pigeon", "token": "abc"}, "kind"},
		{"no token", map[string]any{"kind": "fcm"}, "token"},
		{"a token with spaces", map[string]any{"kind": "apns", "token": "a b"}, "token"},
		{"a web push endpoint that is not https", map[string]any{"kind": "webpush", "endpoint": "http://push.example/x",
			"keys": map[string]string{"p256dh": "x", "auth": "y"}}, "endpoint"},
	}
	for _, tc := range cases {
		r := c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", tc.body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s: %s", tc.name, r.Body)
		require.Contains(t, r.Problem(t).Fields, tc.field, tc.name)
	}
	r := c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", `{"kind": "fcm", "token": 7}`)
	require.Equal(t, http.StatusBadRequest, r.Status)
	r.Problem(t)

	anon := s.API(t)
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		r = anon.Do(t, m, "/api/v1/me/push-registrations", nil)
		require.Equal(t, http.StatusUnauthorized, r.Status, m)
		r.Problem(t)
	}
	r = anon.Do(t, http.MethodDelete, "/api/v1/me/push-registrations/fcm_1", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)
}

func TestAPIWebPushRegistrationIsRefusedWhenTheServerHasNoPushKeys(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, _ := s.APIUser(t, "Ada", account.Customer)
	sub := browserSubscription(t, "https://push.example/ada")
	r := c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", map[string]any{"kind": "webpush", "endpoint": sub.Endpoint,
		"keys": map[string]string{"p256dh": sub.P256dh, "auth": sub.Auth}})
	require.Equal(t, http.StatusConflict, r.Status, "%s", r.Body)
	require.Equal(t, "push_off", r.Problem(t).Code)

	r = c.Do(t, http.MethodPost, "/api/v1/me/push-registrations", map[string]any{"kind": "fcm", "token": "still-fine"})
	require.Equal(t, http.StatusCreated, r.Status, "app devices are stored without a provider: %s", r.Body)
}
