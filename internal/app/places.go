package app

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
)

// staffPlaces tells the account staff page which chains and theaters
// roles can be granted at (account.Places over the catalogue).
type staffPlaces struct{ cat *catalog.Service }

// StaffPlaces lists every chain, then every theater under its chain's
// name.
func (p staffPlaces) StaffPlaces(ctx context.Context) ([]account.Place, error) {
	chains, err := p.cat.Chains(ctx)
	if err != nil {
		return nil, fmt.Errorf("staff places: %w", err)
	}
	theaters, err := p.cat.Theaters(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("staff places: %w", err)
	}
	names := make(map[int64]string, len(chains))
	out := make([]account.Place, 0, len(chains)+len(theaters))
	for _, c := range chains {
		names[c.ID] = c.Name
		out = append(out, account.Place{ChainID: c.ID, ChainName: c.Name})
	}
	for _, t := range theaters {
		out = append(out, account.Place{ChainID: t.ChainID, TheaterID: t.ID, ChainName: names[t.ChainID], TheaterName: t.Name})
	}
	return out, nil
}
