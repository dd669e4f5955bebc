package catalog

import (
	"context"
	"strconv"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// importOutOfScope finds the lines naming a theater the importer does not
// manage. They read exactly like an unknown theater's, so an import
// cannot tell another chain's theaters from theaters that do not exist.
func (h *Handler) importOutOfScope(ctx context.Context, rows []ImportRow, f authz.Filter) ([]RowError, error) {
	if f.All {
		return nil, nil
	}
	theaters, err := h.svc.Theaters(ctx, "")
	if err != nil {
		return nil, err
	}
	bySlug := make(map[string]Theater, len(theaters))
	for _, t := range theaters {
		bySlug[t.Slug] = t
	}
	var bad []RowError
	for _, r := range rows {
		if t, ok := bySlug[r.Theater]; ok && !f.Allows(t.Place()) {
			bad = append(bad, rowError(r.Line, reason(i18n.Msg("No theater has the slug {{.Slug}}."), "Slug", strconv.Quote(r.Theater))))
		}
	}
	return bad, nil
}
