package app

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
)

// paymentPlaces lists the chains and cities staff may choose the ways to
// pay for (payments knows neither).
func paymentPlaces(cat *catalog.Service) func(ctx context.Context) ([]payments.Place, error) {
	return func(ctx context.Context) ([]payments.Place, error) {
		chains, err := cat.Chains(ctx)
		if err != nil {
			return nil, fmt.Errorf("chains: %w", err)
		}
		cities, err := cat.Cities(ctx)
		if err != nil {
			return nil, fmt.Errorf("cities: %w", err)
		}
		out := make([]payments.Place, 0, len(chains)+len(cities))
		for _, c := range chains {
			out = append(out, payments.Place{Scope: payments.ChainScope(c.ID), Name: c.Name})
		}
		for _, c := range cities {
			out = append(out, payments.Place{Scope: payments.CityScope(c.Slug), Name: c.Name})
		}
		return out, nil
	}
}
