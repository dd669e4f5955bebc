package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// This file holds the request helpers the catalogue's admin pages share.

// adminPathID parses the path parameter name as a positive id. A malformed
// id cannot name anything, so it is answered like an unknown one.
// Errors: ErrNotFound.
func adminPathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id < 1 {
		return 0, fmt.Errorf("%s %q: %w", name, c.Param(name), ErrNotFound)
	}
	return id, nil
}

// adminList splits a comma-separated list, trimming spaces and dropping
// empty and repeated entries.
func adminList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" || seen[strings.ToLower(part)] {
			continue
		}
		seen[strings.ToLower(part)] = true
		out = append(out, part)
	}
	return out
}

// adminLocalURL returns back when it is a path on this site under prefix,
// else fallback, so a form's return address can't send anyone elsewhere.
func adminLocalURL(back, prefix, fallback string) string {
	if strings.HasPrefix(back, prefix) && !strings.HasPrefix(back, "//") && !strings.ContainsAny(back, "\\\r\n") {
		return back
	}
	return fallback
}
