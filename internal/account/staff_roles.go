package account

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/pg"
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

// staffHome is where signing in lands someone without a page to go back
// to: the staff page their most trusted role uses, or the home page.
func (h *Handler) staffHome(ctx context.Context, userID int64) (string, error) {
	sc, err := h.svc.Scope(ctx, userID)
	if err != nil {
		return "", err
	}
	switch {
	case sc.CanAnywhere(authz.Manage):
		return "/admin", nil
	case sc.CanAnywhere(authz.Sell):
		return "/admin/bookings", nil
	case sc.CanAnywhere(authz.CheckIn):
		return "/admin/checkin", nil
	}
	return "/", nil
}

// grantFromRow is a stored role as authz sees it.
func grantFromRow(r accountdb.AccountStaffRole) authz.Grant {
	g := authz.Grant{Role: authz.Role(r.Role), ChainID: r.ChainID}
	if r.TheaterID != nil {
		g.TheaterID = *r.TheaterID
	}
	return g
}

// Errors of granting and revoking cinema roles.
var (
	// ErrGrantSelf: nobody changes their own roles.
	ErrGrantSelf = errors.New("you cannot change your own roles")
	// ErrGrantNotAllowed: the granter may not give that role at that
	// place (a manager grants only box office and door at their theater).
	ErrGrantNotAllowed = errors.New("you cannot grant that role there")
	// ErrChainAdminAtTheater: a chain admin runs a whole chain, never one
	// theater of it.
	ErrChainAdminAtTheater = errors.New("a chain admin runs a whole chain")
)

// StaffRole is a role someone holds at a place, as the staff page lists
// it.
type StaffRole struct {
	ID        int64
	UserID    int64
	Email     string
	Name      string
	Grant     authz.Grant
	GrantedAt time.Time
}

// Granter is who grants or revokes a role: their account, where they may
// do what, and the address they act from (for the audit log).
type Granter struct {
	ID    int64
	Scope authz.Scope
	IP    string
}

// MayGrant reports whether the granter may give the person userID the
// grant: Marquee's own staff anywhere; whoever runs the chain any role in
// it; a manager only roles they outrank at the places they manage;
// nobody to themselves; a chain admin only chain-wide. It returns the
// reason as one of the Err* grant errors, or nil.
func (g Granter) MayGrant(userID int64, gr authz.Grant) error {
	place := authz.Place{ChainID: gr.ChainID, TheaterID: gr.TheaterID}
	switch {
	case !gr.Role.Valid():
		return ErrGrantNotAllowed
	case gr.Role == authz.ChainAdmin && gr.TheaterID != 0:
		return ErrChainAdminAtTheater
	case userID == g.ID:
		return ErrGrantSelf
	case g.Scope.Can(authz.RunChain, place):
		return nil
	}
	for _, own := range g.Scope.Grants {
		one := authz.Scope{Grants: []authz.Grant{own}}
		if one.Can(authz.Manage, place) && own.Role.Outranks(gr.Role) {
			return nil
		}
	}
	return ErrGrantNotAllowed
}

// StaffRoles lists the roles held where f allows (the places the viewer
// manages), by chain and theater.
func (s *Service) StaffRoles(ctx context.Context, f authz.Filter) ([]StaffRole, error) {
	rows, err := s.q.StaffRoleListByChains(ctx, s.pool, accountdb.StaffRoleListByChainsParams{
		AllPlaces: f.All, ChainIds: nonNil(f.ChainIDs), TheaterIds: nonNil(f.TheaterIDs)})
	if err != nil {
		return nil, fmt.Errorf("list staff roles: %w", err)
	}
	out := make([]StaffRole, len(rows))
	for i, r := range rows {
		out[i] = StaffRole{ID: r.ID, UserID: r.UserID, Email: r.Email, Name: r.Name, GrantedAt: r.CreatedAt,
			Grant: grantFromRow(accountdb.AccountStaffRole{Role: r.Role, ChainID: r.ChainID, TheaterID: r.TheaterID})}
	}
	return out, nil
}

// GrantRole gives the account with email the role gr at its place,
// replacing the role the person had there, and records it in the audit
// log; where names the place for the log. The role replaced must be one
// the granter could grant too. The caller checks that gr's
// theater belongs to gr's chain. Errors: ErrNotFound (no account with
// that email), ErrGrantSelf, ErrGrantNotAllowed, ErrChainAdminAtTheater.
func (s *Service) GrantRole(ctx context.Context, by Granter, email string, gr authz.Grant, where string) (StaffRole, error) {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return StaffRole{}, fmt.Errorf("grant %s: %w", gr.Role, err)
	}
	if err := by.MayGrant(u.ID, gr); err != nil {
		return StaffRole{}, fmt.Errorf("grant %s to user %d: %w", gr.Role, u.ID, err)
	}
	// Granting replaces the role held there: only one the granter could
	// have granted (a manager does not demote a fellow manager).
	held, err := s.q.StaffRoleListByUser(ctx, s.pool, u.ID)
	if err != nil {
		return StaffRole{}, fmt.Errorf("roles of user %d: %w", u.ID, err)
	}
	for _, r := range held {
		if old := grantFromRow(r); old.ChainID == gr.ChainID && old.TheaterID == gr.TheaterID {
			if err := by.MayGrant(u.ID, old); err != nil {
				return StaffRole{}, fmt.Errorf("replace %s of user %d: %w", old.Role, u.ID, err)
			}
		}
	}
	var row accountdb.AccountStaffRole
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err = s.q.StaffRoleUpsert(ctx, tx, accountdb.StaffRoleUpsertParams{UserID: u.ID, Role: string(gr.Role),
			ChainID: gr.ChainID, TheaterID: nullID(gr.TheaterID), GrantedBy: nullID(by.ID)})
		if err != nil {
			return fmt.Errorf("save role: %w", err)
		}
		return s.audit(ctx, tx, by.ID, "staff.grant", u.ID, fmt.Sprintf("%s at %s", gr.Role, where), by.IP)
	})
	if err != nil {
		return StaffRole{}, fmt.Errorf("grant %s to user %d: %w", gr.Role, u.ID, err)
	}
	return StaffRole{ID: row.ID, UserID: u.ID, Email: u.Email, Name: u.Name, Grant: grantFromRow(row), GrantedAt: row.CreatedAt}, nil
}

// RevokeRole takes away the role id and records it in the audit log;
// where names its place for the log. A role the granter could not have
// granted is not theirs to revoke. Errors: ErrNotFound (no such role, or
// outside the places the granter manages), ErrGrantSelf,
// ErrGrantNotAllowed.
func (s *Service) RevokeRole(ctx context.Context, by Granter, id int64, where func(authz.Grant) string) error {
	row, err := s.q.StaffRoleGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("staff role %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("get staff role %d: %w", id, err)
	}
	gr := grantFromRow(row)
	if !by.Scope.Filter(authz.Manage).Allows(authz.Place{ChainID: gr.ChainID, TheaterID: gr.TheaterID}) {
		return fmt.Errorf("staff role %d: %w", id, ErrNotFound)
	}
	if err := by.MayGrant(row.UserID, gr); err != nil {
		return fmt.Errorf("revoke staff role %d: %w", id, err)
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := s.q.StaffRoleDelete(ctx, tx, id); err != nil {
			return fmt.Errorf("delete staff role %d: %w", id, err)
		}
		return s.audit(ctx, tx, by.ID, "staff.revoke", row.UserID, fmt.Sprintf("%s at %s", gr.Role, where(gr)), by.IP)
	})
}

// nonNil is ids, or an empty list for SQL's ANY.
func nonNil(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
