package i18n

import (
	"context"
	"fmt"
	"strconv"
)

// Runtime writes a running time of minutes the way ctx's language
// abbreviates hours and minutes: "2h 07m", "2 घं 07 मि", "2 h 07 min";
// under an hour, the minutes alone ("45m"). Minutes are zero-padded after
// hours so a list of runtimes lines up. Zero or fewer minutes (not known)
// write "".
func Runtime(ctx context.Context, minutes int) string {
	if minutes <= 0 {
		return ""
	}
	if minutes < 60 {
		return T(ctx, "{{.Minutes}}m", "Minutes", strconv.Itoa(minutes))
	}
	return T(ctx, "{{.Hours}}h {{.Minutes}}m", "Hours", strconv.Itoa(minutes/60), "Minutes", fmt.Sprintf("%02d", minutes%60))
}
