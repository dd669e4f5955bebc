package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/recommend"
	accountviews "github.com/marqueehq/marquee/web/templates/account"
)

// accountPorts reads accounts for the modules that need people: notify's
// contacts, recommend's stated tastes and booking's staff search. It reads
// a.Account when called, because account is built after notify and
// recommend (it mails through notify).
type accountPorts struct{ a *App }

// Contacts returns the users' contact details for notify.
func (p *accountPorts) Contacts(ctx context.Context, ids []int64) ([]notify.Contact, error) {
	list, err := p.a.Account.Contacts(ctx, ids)
	return notifyContactsOf(list), err
}

// ContactsTx is Contacts inside the caller's transaction.
func (p *accountPorts) ContactsTx(ctx context.Context, tx pgx.Tx, ids []int64) ([]notify.Contact, error) {
	list, err := p.a.Account.ContactsTx(ctx, tx, ids)
	return notifyContactsOf(list), err
}

func notifyContactsOf(list []account.Contact) []notify.Contact {
	out := make([]notify.Contact, len(list))
	for i, x := range list {
		out[i] = notify.Contact{ID: x.ID, Email: x.Email, Name: x.Name, Phone: x.Phone, HomeCity: x.HomeCity,
			Genres: x.PreferredGenres, Languages: x.PreferredLanguages, Lang: x.Lang}
	}
	return out
}

// Taste returns the user's home city, genres and languages for recommend;
// a deleted account has none.
func (p *accountPorts) Taste(ctx context.Context, userID int64) (recommend.Taste, error) {
	u, err := p.a.Account.User(ctx, userID)
	if errors.Is(err, account.ErrNotFound) {
		return recommend.Taste{}, nil
	}
	if err != nil {
		return recommend.Taste{}, fmt.Errorf("profile of user %d: %w", userID, err)
	}
	return recommend.Taste{HomeCity: u.HomeCity, Genres: u.PreferredGenres, Languages: u.PreferredLanguages}, nil
}

// UserIDByEmail returns the account's id for booking's staff search, or 0
// when no account has that email.
func (p *accountPorts) UserIDByEmail(ctx context.Context, email string) (int64, error) {
	u, err := p.a.Account.UserByEmail(ctx, email)
	if errors.Is(err, account.ErrNotFound) {
		return 0, nil
	}
	return u.ID, err
}

// profileChoices offers the catalogue's cities, languages and genres on the
// account profile form.
func profileChoices(c *catalog.Service) account.ProfileChoices {
	return func(ctx context.Context) ([]accountviews.Choice, []string, []string, error) {
		cities, err := c.Cities(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		choices := make([]accountviews.Choice, len(cities))
		for i, city := range cities {
			choices[i] = accountviews.Choice{Value: city.Slug, Label: city.Name}
		}
		langs, err := c.Languages(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		genres, err := c.Genres(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		return choices, langs, genres, nil
	}
}
