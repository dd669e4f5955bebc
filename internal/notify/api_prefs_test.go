package notify_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
)

type apiPrefs struct {
	Channels map[string]struct {
		Email bool `json:"email"`
		SMS   bool `json:"sms"`
		Push  bool `json:"push"`
	} `json:"channels"`
	QuietOn    bool   `json:"quiet_on"`
	QuietFrom  string `json:"quiet_from"`
	QuietTo    string `json:"quiet_to"`
	TimeZone   string `json:"time_zone"`
	Categories []struct {
		Key         string `json:"key"`
		Label       string `json:"label"`
		EmailLocked bool   `json:"email_locked"`
	} `json:"categories"`
}

func TestAPINotificationSettingsReadAndSaveAsOnThePage(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, u := s.APIUser(t, "Ada", account.Customer)

	r := c.Do(t, http.MethodGet, "/api/v1/me/notifications", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, "no-store", r.Header.Get("Cache-Control"))
	var p apiPrefs
	r.JSON(t, &p)
	require.True(t, p.Channels["transactional"].Email, "transactional email is on by default")
	require.Len(t, p.Categories, 5)
	require.Equal(t, "transactional", p.Categories[0].Key)
	require.True(t, p.Categories[0].EmailLocked)

	r = c.Do(t, http.MethodPut, "/api/v1/me/notifications", map[string]any{
		"channels": map[string]any{
			"transactional": map[string]bool{"email": false, "push": true},
			"offers":        map[string]bool{"email": true, "sms": true},
		},
		"quiet_on": true, "quiet_from": "22:30", "quiet_to": "07:15", "time_zone": "Europe/London",
	})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	r.JSON(t, &p)
	require.True(t, p.Channels["transactional"].Email, "transactional email cannot be switched off")
	require.True(t, p.Channels["transactional"].Push)
	require.True(t, p.Channels["offers"].SMS)
	require.False(t, p.Channels["reminders"].Email, "a category left out is off, as unticked boxes on the page")
	require.Equal(t, "22:30", p.QuietFrom)
	require.Equal(t, "07:15", p.QuietTo)
	require.Equal(t, "Europe/London", p.TimeZone)

	saved, err := s.Notify.Preferences(t.Context(), u.ID)
	require.NoError(t, err)
	require.Equal(t, 22*60+30, saved.QuietFrom, "the web page reads the same settings")
}

func TestAPINotificationSettingsRefuseWhatThePageRefuses(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	c, _ := s.APIUser(t, "Ada", account.Customer)
	valid := func() map[string]any {
		return map[string]any{"channels": map[string]any{}, "quiet_on": true, "quiet_from": "21:00", "quiet_to": "08:00",
			"time_zone": "UTC"}
	}
	cases := []struct {
		name, field string
		change      func(map[string]any)
	}{
		{"a time that is not HH:MM", "quiet_from", func(m map[string]any) { m["quiet_from"] = "9pm" }},
		{"an hour out of range", "quiet_to", func(m map[string]any) { m["quiet_to"] = "25:00" }},
		{"an unknown time zone", "time_zone", func(m map[string]any) { m["time_zone"] = "Mars/Olympus" }},
		{"an unknown category", "channels", func(m map[string]any) {
			m["channels"] = map[string]any{"gossip": map[string]bool{"email": true}}
		}},
		{"no quiet_on", "quiet_on", func(m map[string]any) { delete(m, "quiet_on") }},
	}
	for _, tc := range cases {
		body := valid()
		tc.change(body)
		r := c.Do(t, http.MethodPut, "/api/v1/me/notifications", body)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s: %s", tc.name, r.Body)
		require.Contains(t, r.Problem(t).Fields, tc.field, tc.name)
	}
	r := c.Do(t, http.MethodPut, "/api/v1/me/notifications", `{"quiet_on": "yes"}`)
	require.Equal(t, http.StatusBadRequest, r.Status)
	r.Problem(t)

	r = c.Do(t, http.MethodGet, "/api/v1/me/notifications", nil)
	var p apiPrefs
	r.JSON(t, &p)
	require.Equal(t, "21:00", p.QuietFrom, "nothing refused was saved")

	anon := s.API(t)
	r = anon.Do(t, http.MethodGet, "/api/v1/me/notifications", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)
	r.Problem(t)
	r = anon.Do(t, http.MethodPut, "/api/v1/me/notifications", valid())
	require.Equal(t, http.StatusUnauthorized, r.Status)
}
