package catalog

import (
	"fmt"
	"strings"
)

// CertificationScheme is a country's film rating system, strictest last.
type CertificationScheme struct {
	Name    string
	Ratings []string
}

// schemes lists the certification schemes Marquee knows, the default first;
// CERTIFICATION_SCHEME picks one.
func schemes() []CertificationScheme {
	return []CertificationScheme{
		{Name: "mpa", Ratings: []string{"G", "PG", "PG-13", "R", "NC-17"}},
		{Name: "bbfc", Ratings: []string{"U", "PG", "12A", "15", "18"}},
		{Name: "cbfc", Ratings: []string{"U", "UA", "A", "S"}},
	}
}

// SchemeByName returns the scheme called name (mpa, bbfc, cbfc).
func SchemeByName(name string) (CertificationScheme, error) {
	for _, s := range schemes() {
		if s.Name == strings.ToLower(name) {
			return s, nil
		}
	}
	return CertificationScheme{}, fmt.Errorf("unknown certification scheme %q (mpa, bbfc, cbfc)", name)
}

// Valid reports whether rating belongs to the scheme.
func (c CertificationScheme) Valid(rating string) bool {
	for _, r := range c.Ratings {
		if r == rating {
			return true
		}
	}
	return false
}
