package main

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheWaitingRoomIsWired(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, _ := b.get(t, "/admin/waiting-rooms")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the staff page is for staff")
	require.Contains(t, res.Header.Get("Location"), "/login")
	res, _ = b.get(t, "/waiting/1")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "a place in the queue needs an account")
	res, body := b.get(t, "/waiting/1/events?t=forged")
	require.Equal(t, http.StatusBadRequest, res.StatusCode, "%s", body)

	var help bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"server", "-help"}, func(string) string { return "" }, &help))
	for _, v := range []string{"WAITROOM_KEYS", "WAITROOM_PASS", "MAX_UNPAID_HOLDS", "HOLD_RATE_PER_ACCOUNT", "HOLD_RATE_PER_IP"} {
		require.Contains(t, help.String(), v)
	}
}
