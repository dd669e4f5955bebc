package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// giftCardShops lists each chain in each city it has a theater in, in
// that city's currency: the places gift cards are sold for on the site.
func giftCardShops(cat *catalog.Service) func(ctx context.Context) ([]payments.GiftCardShop, error) {
	return func(ctx context.Context) ([]payments.GiftCardShop, error) {
		chains, cities, err := chainsAndCities(ctx, cat)
		if err != nil {
			return nil, err
		}
		theaters, err := cat.Theaters(ctx, "")
		if err != nil {
			return nil, fmt.Errorf("theaters: %w", err)
		}
		var out []payments.GiftCardShop
		for _, ch := range chains {
			for _, ci := range cities {
				if !slices.ContainsFunc(theaters, func(t catalog.Theater) bool { return t.ChainID == ch.ID && t.CitySlug == ci.Slug }) {
					continue
				}
				out = append(out, payments.GiftCardShop{ChainID: ch.ID, ChainName: ch.Name, CitySlug: ci.Slug,
					CityName: ci.Name, Currency: ci.Currency})
			}
		}
		return out, nil
	}
}

// giftCardBought hands a bought card's code to notify for its emails.
func (a *App) giftCardBought(ctx context.Context, tx pgx.Tx, m payments.GiftCardMail) error {
	return a.Notify.GiftCardBought(ctx, tx, notify.GiftCardMessage{OrderID: m.OrderID, UserID: m.UserID, Email: m.Email,
		Name: m.Name, Message: m.Message, Code: m.Code, Amount: i18n.Money(i18n.WithLang(ctx, m.Lang), m.Amount, m.Currency),
		ExpiresOn: m.ExpiresAt, Lang: m.Lang})
}
