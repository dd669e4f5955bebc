package app

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
)

// paymentPlaces lists the chains and cities staff may choose the ways to
// pay for (payments knows neither).
func paymentPlaces(cat *catalog.Service) func(ctx context.Context) ([]payments.Place, error) {
	return func(ctx context.Context) ([]payments.Place, error) {
		chains, cities, err := chainsAndCities(ctx, cat)
		if err != nil {
			return nil, err
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

// chainsAndCities are the catalogue's chains and cities.
func chainsAndCities(ctx context.Context, cat *catalog.Service) ([]catalog.Chain, []catalog.City, error) {
	chains, err := cat.Chains(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("chains: %w", err)
	}
	cities, err := cat.Cities(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("cities: %w", err)
	}
	return chains, cities, nil
}

// receiptOptions connect receipts to booking (what was sold), notify (the
// email about each document), account (who bought) and catalog (the
// chains' names).
func (a *App) receiptOptions() payments.ReceiptOptions {
	return payments.ReceiptOptions{
		Facts: a.Booking,
		Issued: func(ctx context.Context, tx pgx.Tx, m payments.ReceiptMail) error {
			return a.Notify.ReceiptIssued(ctx, tx, notify.ReceiptMessage{ReceiptID: m.ReceiptID, BookingID: m.BookingID,
				UserID: m.UserID, Email: m.Email, Lang: m.Lang, Kind: m.Kind, Number: m.Number, Path: m.Path})
		},
		Buyer: func(ctx context.Context, userID int64) (string, string, error) {
			u, err := a.Account.User(ctx, userID)
			if err != nil {
				return "", "", fmt.Errorf("buyer of a receipt: %w", err)
			}
			return u.Name, u.Email, nil
		},
		ChainNames: func(ctx context.Context) (map[int64]string, error) {
			chains, err := a.Catalog.Chains(ctx)
			if err != nil {
				return nil, fmt.Errorf("chains: %w", err)
			}
			out := make(map[int64]string, len(chains))
			for _, c := range chains {
				out[c.ID] = c.Name
			}
			return out, nil
		},
	}
}
