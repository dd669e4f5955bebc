package catalog

import (
	"time"
)

// apiShowtime is one show in a movie's or a theater's showtimes.
type apiShowtime struct {
	ID        int64   `json:"id"`
	StartsAt  string  `json:"starts_at"`
	EndsAt    string  `json:"ends_at"`
	Format    string  `json:"format"`
	Language  string  `json:"language"`
	Subtitles *string `json:"subtitles"`
	Screen    string  `json:"screen"`
	// Availability is available, filling_fast or sold_out, from the seat
	// count booking keeps on the show (a label: the seat map is live).
	Availability   string `json:"availability"`
	SeatsAvailable int    `json:"seats_available"`
	PriceFrom      *int64 `json:"price_from"`
	Currency       string `json:"currency"`
}

// Show availabilities in the API.
const (
	apiAvailable   = "available"
	apiFillingFast = "filling_fast"
	apiSoldOut     = "sold_out"
)

// apiShowtimeOf describes s with its times in loc (the theater's zone).
func apiShowtimeOf(s Show, screen string, loc *time.Location, currency string) apiShowtime {
	out := apiShowtime{
		ID: s.ID, StartsAt: s.StartsAt.In(loc).Format(time.RFC3339), EndsAt: s.EndsAt.In(loc).Format(time.RFC3339),
		Format: s.Format, Language: s.Language, Screen: screen,
		Availability: apiAvailable, SeatsAvailable: s.SeatsAvailable, Currency: currency,
	}
	if s.Subtitles != "" {
		sub := s.Subtitles
		out.Subtitles = &sub
	}
	switch {
	case s.SoldOut():
		out.Availability = apiSoldOut
	case s.AlmostFull():
		out.Availability = apiFillingFast
	}
	for _, amount := range s.Prices {
		if out.PriceFrom == nil || amount < *out.PriceFrom {
			a := amount
			out.PriceFrom = &a
		}
	}
	return out
}
