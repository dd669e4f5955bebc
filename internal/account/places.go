package account

import (
	"context"

	"github.com/marqueehq/marquee/internal/platform/authz"
)

// Place is somewhere a cinema role can be granted: a whole chain
// (TheaterID 0) or one of its theaters, with the names staff know them by.
type Place struct {
	ChainID     int64
	TheaterID   int64
	ChainName   string
	TheaterName string
}

// Places is what the staff page needs from the catalogue (satisfied in
// the assembly by an adapter over the catalogue's service).
type Places interface {
	// StaffPlaces lists every chain (TheaterID 0) and every theater.
	StaffPlaces(ctx context.Context) ([]Place, error)
}

// authzPlace is p as authz checks it.
func (p Place) authzPlace() authz.Place {
	return authz.Place{ChainID: p.ChainID, TheaterID: p.TheaterID}
}

// Label is how the place reads: "Chain" or "Chain / Theater".
func (p Place) Label() string {
	if p.TheaterID == 0 {
		return p.ChainName
	}
	return p.ChainName + " / " + p.TheaterName
}

// placeOf finds the place of a grant in places ("" names when unknown).
func placeOf(places []Place, g authz.Grant) Place {
	for _, p := range places {
		if p.ChainID == g.ChainID && p.TheaterID == g.TheaterID {
			return p
		}
	}
	return Place{ChainID: g.ChainID, TheaterID: g.TheaterID}
}
