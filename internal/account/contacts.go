package account

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
)

// Contact is how to reach a user and what they like, for the
// notifications module. Phone is in clear ("" when none).
type Contact struct {
	ID                 int64
	Email              string
	Name               string
	Phone              string
	HomeCity           string
	PreferredLanguages []string
	PreferredGenres    []string
	// Lang is the language the user reads Marquee in, "" until chosen:
	// messages are written in it.
	Lang string
}

// Contacts returns the contacts of the accounts among ids (deleted accounts
// are left out), in id order. It only reads.
func (s *Service) Contacts(ctx context.Context, ids []int64) ([]Contact, error) {
	return s.contacts(ctx, s.pool, ids)
}

// ContactsTx is Contacts read inside the caller's transaction.
func (s *Service) ContactsTx(ctx context.Context, tx pgx.Tx, ids []int64) ([]Contact, error) {
	return s.contacts(ctx, tx, ids)
}

func (s *Service) contacts(ctx context.Context, db accountdb.DBTX, ids []int64) ([]Contact, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.q.UserListContacts(ctx, db, ids)
	if err != nil {
		return nil, fmt.Errorf("contacts of %d users: %w", len(ids), err)
	}
	out := make([]Contact, 0, len(rows))
	for _, r := range rows {
		u := userFromRow(r)
		phone, err := s.openPhone(u)
		if err != nil {
			return nil, err
		}
		out = append(out, Contact{ID: u.ID, Email: u.Email, Name: u.Name, Phone: phone, HomeCity: u.HomeCity,
			PreferredLanguages: u.PreferredLanguages, PreferredGenres: u.PreferredGenres, Lang: u.Lang})
	}
	return out, nil
}
