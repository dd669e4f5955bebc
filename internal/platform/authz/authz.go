// Package authz says what cinema staff may do where. Roles are granted per
// chain (every theater of it) or per theater; Marquee's own staff and
// admins (the platform) may act everywhere. Modules ask Scope.Can with the
// place a page or action belongs to, and answer 404 when it may not, so a
// theater's pages do not even exist for another theater's staff. The
// package imports nothing of Marquee's, so views and every module can use
// it.
package authz

import "slices"

// Role is what a person does at a cinema.
type Role string

// Roles, from the most to the least trusted.
const (
	// ChainAdmin runs a chain: its settings, theaters, staff and
	// everything a manager does at each of its theaters.
	ChainAdmin Role = "chain_admin"
	// TheaterManager runs a theater: shows, prices, screens, bookings,
	// refunds, reports and its counter and door staff.
	TheaterManager Role = "theater_manager"
	// BoxOffice sells at the counter, looks up bookings and scans tickets.
	BoxOffice Role = "box_office"
	// Door scans tickets at the door.
	Door Role = "door"
)

// Roles lists every role, most trusted first.
var Roles = []Role{ChainAdmin, TheaterManager, BoxOffice, Door}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Action is something staff do at a place.
type Action int

// Actions, each allowed to a role and every role above it.
const (
	// CheckIn scans tickets at the door.
	CheckIn Action = iota + 1
	// Sell sells at the counter, looks up bookings and sees occupancy.
	Sell
	// Manage runs a theater: shows, prices, screens, cancellations and
	// refunds, reports, the theater's settings and its staff.
	Manage
	// RunChain changes a chain's settings, adds its theaters and grants
	// roles anywhere in it.
	RunChain
)

// Allows reports whether the role may do a.
func (r Role) Allows(a Action) bool {
	switch r {
	case ChainAdmin:
		return a <= RunChain
	case TheaterManager:
		return a <= Manage
	case BoxOffice:
		return a <= Sell
	case Door:
		return a <= CheckIn
	}
	return false
}

// Outranks reports whether r is more trusted than o (a manager may grant
// box office and door roles, not another manager's).
func (r Role) Outranks(o Role) bool {
	return slices.Index(Roles, r) >= 0 && slices.Index(Roles, r) < slices.Index(Roles, o)
}

// Grant is a role at a place: a whole chain (TheaterID 0) or one theater
// of it.
type Grant struct {
	Role      Role
	ChainID   int64
	TheaterID int64
}

// Place is where a page or action belongs: a theater of a chain, or the
// chain itself (TheaterID 0).
type Place struct {
	ChainID   int64
	TheaterID int64
}

// covers reports whether the grant applies at p: p's theater, or any
// place of the grant's chain for a chain-wide grant.
func (g Grant) covers(p Place) bool {
	if g.TheaterID != 0 {
		return g.TheaterID == p.TheaterID
	}
	return g.ChainID == p.ChainID
}

// Scope is everything one person may do.
type Scope struct {
	// Platform is true for Marquee's own staff and admins: every place.
	Platform bool
	Grants   []Grant
}

// IsStaff reports whether the person works anywhere (they see the staff
// pages).
func (s Scope) IsStaff() bool { return s.Platform || len(s.Grants) > 0 }

// Can reports whether the person may do a at p.
func (s Scope) Can(a Action, p Place) bool {
	if s.Platform {
		return true
	}
	for _, g := range s.Grants {
		if g.covers(p) && g.Role.Allows(a) {
			return true
		}
	}
	return false
}

// CanAnywhere reports whether the person may do a at some place (the
// staff navigation shows a page's link then).
func (s Scope) CanAnywhere(a Action) bool {
	if s.Platform {
		return true
	}
	return slices.ContainsFunc(s.Grants, func(g Grant) bool { return g.Role.Allows(a) })
}

// Filter is where the person may do one action, for lists: every place,
// or every theater of ChainIDs and the theaters TheaterIDs.
type Filter struct {
	All        bool
	ChainIDs   []int64
	TheaterIDs []int64
}

// Filter says where the person may do a.
func (s Scope) Filter(a Action) Filter {
	if s.Platform {
		return Filter{All: true}
	}
	f := Filter{ChainIDs: []int64{}, TheaterIDs: []int64{}}
	for _, g := range s.Grants {
		switch {
		case !g.Role.Allows(a):
		case g.TheaterID == 0:
			f.ChainIDs = append(f.ChainIDs, g.ChainID)
		default:
			f.TheaterIDs = append(f.TheaterIDs, g.TheaterID)
		}
	}
	return f
}

// Allows reports whether the filter lets p through (the same answer as
// the Scope.Can it came from).
func (f Filter) Allows(p Place) bool {
	return f.All || slices.Contains(f.ChainIDs, p.ChainID) ||
		(p.TheaterID != 0 && slices.Contains(f.TheaterIDs, p.TheaterID))
}
