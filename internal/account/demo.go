package account

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
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

// DemoStaffLogin is a demo cinema staff sign-in and the role it holds:
// at a chain (Theater "") or at a theater of it, by the demo's names.
type DemoStaffLogin struct {
	User    NewUser
	Role    authz.Role
	Chain   string // the chain's slug
	Theater string // the theater's name, "" for the whole chain
}

// DemoStaff are the demo's cinema staff: each chain's admin, and a
// manager, a box office clerk and a door user of Lumière's Marquee
// Riverside. They are customers on the site; their power is their role.
func DemoStaff() []DemoStaffLogin {
	const riverside = "Marquee Riverside"
	login := func(email, name, password string) NewUser {
		return NewUser{Email: email, Name: name, Password: password, Role: Customer, Verified: true}
	}
	return []DemoStaffLogin{
		{User: login("lumiere-admin@marquee.test", "Lena Lumière", "marquee-lumiere"), Role: authz.ChainAdmin, Chain: "lumiere"},
		{User: login("apex-admin@marquee.test", "Arjun Apex", "marquee-apex"), Role: authz.ChainAdmin, Chain: "apex"},
		{User: login("manager@marquee.test", "Maya Manager", "marquee-manager"), Role: authz.TheaterManager, Chain: "lumiere", Theater: riverside},
		{User: login("boxoffice@marquee.test", "Ben Boxoffice", "marquee-boxoffice"), Role: authz.BoxOffice, Chain: "lumiere", Theater: riverside},
		{User: login("door@marquee.test", "Dev Door", "marquee-door"), Role: authz.Door, Chain: "lumiere", Theater: riverside},
	}
}

// EnsureDemoStaff creates the demo staff logins that do not exist yet and
// grants each its role where it has none at that place yet, so it is
// safe to run on every start. where finds a place's ids by the chain's
// slug and the theater's name ("" for the chain); ok false skips the
// login's role (a catalogue without the demo theaters).
func (s *Service) EnsureDemoStaff(ctx context.Context, where func(chain, theater string) (authz.Place, bool, error)) error {
	for _, d := range DemoStaff() {
		if _, err := s.CreateUser(ctx, d.User); err != nil && !errors.Is(err, ErrEmailTaken) {
			return fmt.Errorf("demo staff %s: %w", d.User.Email, err)
		}
		place, ok, err := where(d.Chain, d.Theater)
		if err != nil {
			return fmt.Errorf("place of demo staff %s: %w", d.User.Email, err)
		}
		if !ok {
			continue
		}
		u, err := s.UserByEmail(ctx, d.User.Email)
		if err != nil {
			return fmt.Errorf("demo staff %s: %w", d.User.Email, err)
		}
		have, err := s.q.StaffRoleListByUser(ctx, s.pool, u.ID)
		if err != nil {
			return fmt.Errorf("roles of demo staff %s: %w", d.User.Email, err)
		}
		if slices.ContainsFunc(have, func(r accountdb.AccountStaffRole) bool {
			g := grantFromRow(r)
			return g.ChainID == place.ChainID && g.TheaterID == place.TheaterID
		}) {
			continue
		}
		if _, err := s.q.StaffRoleUpsert(ctx, s.pool, accountdb.StaffRoleUpsertParams{UserID: u.ID, Role: string(d.Role),
			ChainID: place.ChainID, TheaterID: nullID(place.TheaterID)}); err != nil {
			return fmt.Errorf("grant demo staff %s: %w", d.User.Email, err)
		}
	}
	return nil
}
