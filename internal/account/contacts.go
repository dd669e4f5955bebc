package account

import (
	"context"
	"fmt"
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
}

// Contacts returns the contacts of the accounts among ids (deleted accounts
// are left out), in id order. It only reads.
func (s *Service) Contacts(ctx context.Context, ids []int64) ([]Contact, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.q.UserListContacts(ctx, s.pool, ids)
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
			PreferredLanguages: u.PreferredLanguages, PreferredGenres: u.PreferredGenres})
	}
	return out, nil
}
