package catalog

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// AdultCode is the code of the built-in type every chain sells when it has
// no types of its own.
const AdultCode = "ADULT"

// TicketType is a kind of ticket (Adult, Child, Senior, ...) a chain or one
// theater sells. Its price for a seat is Percent of the seat's price, or a
// fixed price for the seat's category where FixedPrices sets one.
type TicketType struct {
	ID        int64 // 0 for the built-in Adult type
	ChainID   int64
	TheaterID int64 // 0: the chain's own list
	Code      string
	Name      string
	SortOrder int
	Active    bool
	Percent   int
	// FixedPrices maps a seat category to a price in minor units.
	FixedPrices map[Category]int64
	// Days are the weekdays it is sold on (empty: every day).
	Days []time.Weekday
	// Daypart is AnyTime, Matinee (starts before 17:00 local) or Evening.
	Daypart string
	// MaxCertification is the strictest film certificate it is sold for
	// ("" for any film): a child ticket is not for an 18-certificate film.
	MaxCertification string
	// AgeNote says who the ticket is for ("Under 15", "65 and over").
	AgeNote       string
	ProofRequired bool
	// ProofNote tells the door staff what to ask for.
	ProofNote string
}

// BuiltinAdult is the type sold where a chain has set up none: Adult at
// the seat's full price.
func BuiltinAdult() TicketType {
	return TicketType{Code: AdultCode, Name: "Adult", Active: true, Percent: 100, Daypart: AnyTime}
}

// Price is what a seat of category listed at seatPrice costs as this type.
// A percentage is rounded half up to the minor unit.
func (t TicketType) Price(category Category, seatPrice int64) int64 {
	if p, ok := t.FixedPrices[category]; ok {
		return p
	}
	return (seatPrice*int64(t.Percent) + 50) / 100
}

// OfferedAt reports whether the type is sold for a show starting at start
// (in the theater's location loc) of a film certified cert.
func (t TicketType) OfferedAt(start time.Time, loc *time.Location, cert string) bool {
	local := start.In(loc)
	if len(t.Days) > 0 && !slices.Contains(t.Days, local.Weekday()) {
		return false
	}
	switch t.Daypart {
	case Matinee:
		if local.Hour() >= matineeH {
			return false
		}
	case Evening:
		if local.Hour() < matineeH {
			return false
		}
	}
	return certAllowed(cert, t.MaxCertification)
}

// certAllowed reports whether a film certified cert may be sold under a
// ceiling of max ("" allows everything). Both are ranked in the scheme
// that knows them both; a ceiling from another scheme allows nothing it
// cannot rank, so a child ticket never slips through on an unknown rating.
func certAllowed(cert, max string) bool {
	if max == "" {
		return true
	}
	for _, s := range schemes() {
		ci, mi := slices.Index(s.Ratings, cert), slices.Index(s.Ratings, max)
		if ci >= 0 && mi >= 0 {
			return ci <= mi
		}
	}
	return false
}

// OfferedTicketTypes are the types a buyer may choose for the show: those in
// effect at its theater whose time rules and certificate ceiling fit it.
func (d ShowDetail) OfferedTicketTypes() []TicketType {
	types := d.TicketTypes
	if len(types) == 0 {
		types = []TicketType{BuiltinAdult()}
	}
	var out []TicketType
	for _, t := range types {
		if t.OfferedAt(d.StartsAt, d.Theater.Location(), d.Movie.Certification) {
			out = append(out, t)
		}
	}
	return out
}

func ticketTypeFromRow(r catalogdb.CatalogTicketType) TicketType {
	t := TicketType{ID: r.ID, ChainID: r.ChainID, Code: r.Code, Name: r.Name, SortOrder: int(r.SortOrder),
		Active: r.Active, Percent: int(r.Percent), Daypart: r.Daypart, MaxCertification: r.MaxCertification,
		AgeNote: r.AgeNote, ProofRequired: r.ProofRequired, ProofNote: r.ProofNote}
	if r.TheaterID != nil {
		t.TheaterID = *r.TheaterID
	}
	var fixed map[Category]int64
	if json.Unmarshal(r.FixedPrices, &fixed) == nil && len(fixed) > 0 {
		t.FixedPrices = fixed
	}
	for _, d := range r.Days {
		t.Days = append(t.Days, time.Weekday(d))
	}
	return t
}
