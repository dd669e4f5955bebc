package account

import (
	"context"
	"errors"
	"fmt"
)

// DemoUsers are the sign-ins the demo data creates; the README and `make
// run` print them. They are for local demos only.
func DemoUsers() []NewUser {
	return []NewUser{
		{Email: "admin@marquee.test", Name: "Ada Admin", Password: "marquee-admin", Role: Admin, Verified: true},
		{Email: "staff@marquee.test", Name: "Sam Staff", Password: "marquee-staff", Role: Staff, Verified: true},
		{Email: "customer@marquee.test", Name: "Casey Customer", Password: "marquee-customer", Role: Customer, Verified: true},
	}
}

// EnsureDemoUsers creates the demo users that do not exist yet.
func (s *Service) EnsureDemoUsers(ctx context.Context) error {
	for _, u := range DemoUsers() {
		if _, err := s.CreateUser(ctx, u); err != nil && !errors.Is(err, ErrEmailTaken) {
			return fmt.Errorf("demo user %s: %w", u.Email, err)
		}
	}
	return nil
}
