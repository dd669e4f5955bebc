package booking_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// strandedMessage is the reason CheckStranded gives, "" when it allows.
func strandedMessage(t *testing.T, svc *booking.Service, show int64, seats ...string) string {
	t.Helper()
	err := svc.CheckStranded(context.Background(), show, seats)
	if err == nil {
		return ""
	}
	fields, ok := validate.Fields(err)
	require.True(t, ok, "a validation error, got %v", err)
	return fields["seats"]
}

func TestStrandedRuleNamesTheSeatLeftAlone(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for name, tc := range map[string]struct {
		seats []string
		want  string
	}{
		"a gap of one":        {[]string{"E5", "E7"}, "That would leave E6 on its own; move one seat left or right, or add E6 to your seats."},
		"one from the end":    {[]string{"E2", "E3"}, "That would leave E1 on its own"},
		"next to a blocked":   {[]string{"A3", "A4"}, "That would leave A2 on its own"},
		"several":             {[]string{"E3", "E5", "E7"}, "That would leave E4 and E6 on their own"},
		"side by side":        {[]string{"E5", "E6", "E7"}, ""},
		"from the end":        {[]string{"E1", "E2"}, ""},
		"a gap of two":        {[]string{"E5", "E8"}, ""},
		"one seat":            {[]string{"E10"}, ""},
		"other rows":          {[]string{"E5", "F7"}, ""},
		"unknown seats":       {[]string{"Z99"}, ""},
		"the gap is filled":   {[]string{"E5", "E6", "E7", "E9"}, "That would leave E8 on its own"},
		"both ends of a pair": {[]string{"E4", "E7"}, ""},
	} {
		require.Equal(t, tc.want == "", strandedMessage(t, b.svc, b.show.ID, tc.seats...) == "", name)
		require.Contains(t, strandedMessage(t, b.svc, b.show.ID, tc.seats...), tc.want, name)
	}
}

func TestStrandedRuleAllowsASeatThatWasAlreadyAlone(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	_, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"E3"})
	require.NoError(t, err)
	_, err = b.svc.Hold(ctx, 2, b.show.ID, []string{"E5"})
	require.NoError(t, err)

	require.Empty(t, strandedMessage(t, b.svc, b.show.ID, "E6", "E7"), "E4 was on its own before this buyer came")
	require.Contains(t, strandedMessage(t, b.svc, b.show.ID, "E1"), "leave E2 on its own", "a newly stranded seat is still refused")
	require.Contains(t, strandedMessage(t, b.svc, b.show.ID, "E7"), "leave E6 on its own", "held seats count as taken")
}

func TestStrandedRuleTreatsAislesAsWallsAndSparesWheelchairSpaces(t *testing.T) {
	t.Parallel()
	b := setup(t)
	show := seatmapLayoutShow(t, b, "Aisles", "ss.sss.ss", "ws.sss.ss")

	// Row A is A1 A2 | A3 A4 A5 | A6 A7.
	require.Contains(t, strandedMessage(t, b.svc, show, "A1"), "leave A2 on its own", "the aisle is a wall")
	require.Contains(t, strandedMessage(t, b.svc, show, "A4"), "leave A3 and A5 on their own")
	require.Empty(t, strandedMessage(t, b.svc, show, "A1", "A2"))
	require.Empty(t, strandedMessage(t, b.svc, show, "A3"), "the end of a block of three leaves a pair")
	require.Empty(t, strandedMessage(t, b.svc, show, "B2"), "a wheelchair space may be left on its own")
	_, err := b.svc.Hold(context.Background(), 3, show, []string{"A7"})
	require.NoError(t, err)
	require.Empty(t, strandedMessage(t, b.svc, show, "A6"), "the last free seat of a block may be taken")
}
