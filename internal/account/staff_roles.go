package account

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// SignedIn returns a signed-in user and where they may do what, in one
// round trip. Errors: ErrNotFound.
func (s *Service) SignedIn(ctx context.Context, id int64) (User, authz.Scope, error) {
	row, err := s.q.UserGetSignedIn(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, authz.Scope{}, fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return User{}, authz.Scope{}, fmt.Errorf("get signed-in user %d: %w", id, err)
	}
	u := userFromRow(row.AccountUser)
	var roles []struct {
		Role    authz.Role `json:"role"`
		Chain   int64      `json:"chain"`
		Theater int64      `json:"theater"`
	}
	if err := json.Unmarshal(row.StaffRoles, &roles); err != nil {
		return User{}, authz.Scope{}, fmt.Errorf("staff roles of user %d: %w", id, err)
	}
	sc := authz.Scope{Platform: u.Role.IsStaff()}
	for _, r := range roles {
		sc.Grants = append(sc.Grants, authz.Grant{Role: r.Role, ChainID: r.Chain, TheaterID: r.Theater})
	}
	return u, sc, nil
}

// Scope is where a user may do what (SignedIn without the user).
// Errors: ErrNotFound.
func (s *Service) Scope(ctx context.Context, userID int64) (authz.Scope, error) {
	_, sc, err := s.SignedIn(ctx, userID)
	return sc, err
}

// grantFromRow is a stored role as authz sees it.
func grantFromRow(r accountdb.AccountStaffRole) authz.Grant {
	g := authz.Grant{Role: authz.Role(r.Role), ChainID: r.ChainID}
	if r.TheaterID != nil {
		g.TheaterID = *r.TheaterID
	}
	return g
}
