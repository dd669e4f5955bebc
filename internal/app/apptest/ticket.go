package apptest

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TicketSays is what a signed e-ticket token says, without the second it
// was issued: two copies of one ticket fetched a moment apart (the JSON and
// the PNG, or two wallets) carry the same code, show and seats.
func TicketSays(t testing.TB, token string) map[string]any {
	t.Helper()
	body, _, ok := strings.Cut(token, ".")
	require.True(t, ok, "a signed ticket: %q", token)
	raw, err := base64.RawURLEncoding.DecodeString(body)
	require.NoError(t, err)
	says := map[string]any{}
	require.NoError(t, json.Unmarshal(raw, &says))
	delete(says, "i")
	return says
}
