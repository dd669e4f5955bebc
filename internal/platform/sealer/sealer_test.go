package sealer_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/sealer"
)

func TestSealOpenAndRotate(t *testing.T) {
	t.Parallel()
	k1, err := sealer.NewKey("k1")
	require.NoError(t, err)
	k2, err := sealer.NewKey("k2")
	require.NoError(t, err)

	old, err := sealer.New(k1)
	require.NoError(t, err)
	sealed, err := old.Seal("+44 7700 900123", "users.phone:1")
	require.NoError(t, err)
	require.NotContains(t, sealed, "7700")

	// After rotation k2 seals and k1 still opens.
	rotated, err := sealer.New(k2 + "," + k1)
	require.NoError(t, err)
	plain, err := rotated.Open(sealed, "users.phone:1")
	require.NoError(t, err)
	require.Equal(t, "+44 7700 900123", plain)
	require.True(t, rotated.NeedsReseal(sealed))
	fresh, err := rotated.Seal(plain, "users.phone:1")
	require.NoError(t, err)
	require.False(t, rotated.NeedsReseal(fresh))

	_, err = rotated.Open(sealed, "users.phone:2")
	require.Error(t, err, "a value moved to another row does not open")
	onlyNew, err := sealer.New(k2)
	require.NoError(t, err)
	_, err = onlyNew.Open(sealed, "users.phone:1")
	require.ErrorIs(t, err, sealer.ErrUnknownKey)

	_, err = sealer.New("k1:tooshort")
	require.ErrorContains(t, err, "32 bytes")
}
