// Package search holds the views of search: the results page with its
// filters, and the as-you-type suggestions.
package search

// ResultsProps is the results page.
type ResultsProps struct {
	Text     string
	CityName string // "" when searching every city
	Total    int
	// Heading sums up the search ("12 movies for “drama” in London").
	Heading    string
	DidYouMean string
	// DidYouMeanHref searches for DidYouMean instead.
	DidYouMeanHref string
	Movies         []MovieProps
	Theaters       []LinkProps
	Groups         []FilterGroup
	// Active lists the chosen filters, each with the URL that drops it.
	Active   []LinkProps
	ClearAll string
	Sorts    []LinkProps // Current marks the chosen sort
	Prev     string      // "" on the first page
	Next     string      // "" on the last page
	Page     int
	Pages    int
	// Hidden keeps the chosen values when the price and seats form submits.
	Hidden   []HiddenField
	PriceMin string
	PriceMax string
	Currency string
	// PriceHint says what prices the results span.
	PriceHint string
	Seats     string
	Errors    map[string]string
}

// MovieProps is one result.
type MovieProps struct {
	Href, Title, PosterURL, Certification, Runtime, Rating, Tagline string
	Genres, Languages                                               []string
	People                                                          string // "Dir. X · With A, B"
	ComingSoon                                                      bool
	Release                                                         string // coming-soon release date
	Shows                                                           []ShowProps
	MoreShows                                                       int
}

// ShowProps is a showtime chip.
type ShowProps struct {
	Href, Day, Time, Theater, Format, Price string
	SoldOut, FillingFast, Wheelchair        bool
}

// LinkProps is a labelled link.
type LinkProps struct {
	Label, Href, Note string
	Current           bool
}

// FilterGroup is one facet: its values with counts, each a link that
// toggles it.
type FilterGroup struct {
	Key, Title string
	Values     []FilterValue
	// Open shows the group unfolded (it has a chosen value, or is short).
	Open bool
}

// FilterValue is one value of a facet.
type FilterValue struct {
	Label, Href string
	Count       int
	Selected    bool
}

// HiddenField is a name and value a form carries along.
type HiddenField struct{ Name, Value string }

// SuggestProps is the suggestion dropdown.
type SuggestProps struct {
	Text     string
	AllHref  string
	Movies   []SuggestMovie
	People   []LinkProps
	Theaters []LinkProps
}

// SuggestMovie is a suggested movie with its next showtime.
type SuggestMovie struct {
	Href, Title, PosterURL, Meta, Next string
	ComingSoon                         bool
}
