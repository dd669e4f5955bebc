package booking_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

func TestParseSelectionReadsWhatForms(t *testing.T) {
	t.Parallel()
	sel, err := booking.ParseSelection([]string{" f12", "F13,F14", "", "F12", "AA101 b7"}, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"F12", "F13", "F14", "AA101", "B7"}, sel.Seats, "trimmed, upper case, split, in order")
	require.Equal(t, []string{"F12"}, sel.Repeated)
	require.Error(t, sel.RepeatError())

	for name, in := range map[string][]string{
		"too many":   {"A1,A2,A3,A4"},
		"a flood":    {strings.Repeat("A1,", 100000)},
		"quote":      {"A1'--"},
		"no number":  {"ROW"},
		"no row":     {"12"},
		"long":       {"ABCD1234"},
		"huge value": {strings.Repeat("A", 1<<20)},
		"unicode":    {"Ä1"},
	} {
		_, err := booking.ParseSelection(in, 3)
		fields, ok := validate.Fields(err)
		require.True(t, ok, "%s: got %v", name, err)
		require.NotEmpty(t, fields["seats"], name)
		require.LessOrEqual(t, len(fields["seats"]), 120, "%s: the message stays short", name)
	}
}

// FuzzParseSelection checks that whatever a form sends, the parser never
// panics and either refuses it or returns at most max distinct, valid,
// upper-case labels that parse back to themselves.
func FuzzParseSelection(f *testing.F) {
	for _, seed := range []string{"F12", "f12, F13", "A1'--", "Z99", "", ",,, ", "AA101", "F12 F12", "ÄÖ1", "1A",
		strings.Repeat("B2,", 40), "\x00\xff", "A1\nB2\tC3"} {
		f.Add(seed, "C4")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		const max = 10
		sel, err := booking.ParseSelection([]string{a, b}, max)
		if err != nil {
			if _, ok := validate.Fields(err); !ok {
				t.Fatalf("not a validation error: %v", err)
			}
			return
		}
		if len(sel.Seats) > max {
			t.Fatalf("%d seats, more than %d", len(sel.Seats), max)
		}
		seen := map[string]bool{}
		for _, s := range sel.Seats {
			if seen[s] {
				t.Fatalf("%q twice", s)
			}
			seen[s] = true
			if len(s) < 2 || len(s) > 6 || strings.ToUpper(s) != s || strings.ContainsAny(s, ", \t\r\n'\"<>") {
				t.Fatalf("bad label %q", s)
			}
		}
		for _, r := range sel.Repeated {
			if !seen[r] {
				t.Fatalf("repeat %q is not among the seats", r)
			}
		}
		again, err := booking.ParseSelection([]string{strings.Join(sel.Seats, ",")}, max)
		if err != nil || !slices.Equal(again.Seats, sel.Seats) || len(again.Repeated) != 0 {
			t.Fatalf("%v does not parse back to itself: %v, %v", sel.Seats, again.Seats, err)
		}
	})
}
