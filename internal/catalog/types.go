package catalog

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Sentinel errors. Their messages are written for the people who see them.
var (
	// ErrNotFound: no such movie, theater, screen, show or city.
	ErrNotFound = errors.New("we couldn't find that")
	// ErrInvalid: the input failed validation; see validate.Fields for details.
	ErrInvalid = validate.ErrInvalid
	// ErrShowOverlap: the screen is busy (film or cleaning) at that time.
	ErrShowOverlap = errors.New("that screen already has a show at that time")
	// ErrSeatsBooked: a layout change would remove seats that are booked.
	ErrSeatsBooked = errors.New("that change would remove seats that are already booked")
	// ErrLayoutChanged: someone saved the layout since the edit began.
	ErrLayoutChanged = errors.New("someone else saved this layout while you were editing")
	// ErrShowCancelled: the show was already cancelled.
	ErrShowCancelled = errors.New("that show is cancelled")
)

// SeatsBookedError names the booked seats a layout change would remove. It
// matches ErrSeatsBooked.
type SeatsBookedError struct{ Seats []string }

func (e *SeatsBookedError) Error() string {
	return ErrSeatsBooked.Error() + ": " + strings.Join(e.Seats, ", ")
}

// Is makes errors.Is(err, ErrSeatsBooked) true.
func (e *SeatsBookedError) Is(target error) bool { return target == ErrSeatsBooked }

// MovieStatus is where a movie is in its life.
type MovieStatus string

// Movie statuses.
const (
	ComingSoon MovieStatus = "coming_soon"
	NowShowing MovieStatus = "now_showing"
	Archived   MovieStatus = "archived"
)

// Label is the status for people.
func (s MovieStatus) Label() string {
	switch s {
	case ComingSoon:
		return "Coming soon"
	case NowShowing:
		return "Now showing"
	}
	return "Archived"
}

// Formats a screen can play and a show can be in.
func Formats() []string { return []string{"2D", "3D", "IMAX", "4DX", "Dolby Atmos"} }

// Amenities a theater can list, with their English labels (message ids:
// render them with i18n.T).
func Amenities() map[string]string {
	return map[string]string{
		"parking": i18n.Msg("Parking"), "food_court": i18n.Msg("Food court"),
		"wheelchair_access": i18n.Msg("Wheelchair access"), "recliners": i18n.Msg("Recliners"),
		"dolby_atmos": i18n.Msg("Dolby Atmos"), "cafe": i18n.Msg("Café"), "bar": i18n.Msg("Bar"),
		"lift": i18n.Msg("Lift"), "hearing_loop": i18n.Msg("Hearing loop"), "m_ticket": i18n.Msg("Mobile tickets"),
	}
}

// Movie is a film in the catalogue.
type Movie struct {
	ID                int64
	Slug              string
	Title             string
	Tagline           string
	Synopsis          string
	RuntimeMinutes    int
	ReleaseDate       time.Time
	Certification     string
	OriginalLanguage  string
	DubbedLanguages   []string
	SubtitleLanguages []string
	Genres            []string
	Formats           []string
	Status            MovieStatus
	PosterImageID     *int64
	PosterPalette     []string
	TrailerURL        string
	Rating            *float64 // audience rating out of 10, nil until rated
	RatingCount       int
	Popularity        int
	Cast              []Credit // filled by Movie and MovieBySlug
	Crew              []Credit
}

// Credit is a person's part in a movie: a character for cast, a job for crew.
type Credit struct {
	PersonID int64
	Name     string
	Role     string
}

// Languages lists the original language first, then the dubbed ones.
func (m Movie) Languages() []string {
	return append([]string{m.OriginalLanguage}, m.DubbedLanguages...)
}

// PosterURL is the uploaded poster, or a poster drawn from the movie's
// palette and title when none was uploaded.
func (m Movie) PosterURL() string {
	if m.PosterImageID != nil {
		return fmt.Sprintf("/media/images/%d", *m.PosterImageID)
	}
	return "/media/posters/" + m.Slug + ".svg"
}

// Director returns the first crew member credited as director, or "".
func (m Movie) Director() string {
	for _, c := range m.Crew {
		if c.Role == "Director" {
			return c.Name
		}
	}
	return ""
}

// City is a place with theaters; users pick one to browse.
type City struct {
	Slug     string
	Name     string
	TimeZone string
	Currency string
}

// Location returns the city's time zone (UTC if it is unknown).
func (c City) Location() *time.Location { return loadLocation(c.TimeZone) }

// Theater is a cinema building.
type Theater struct {
	ID              int64
	ChainID         int64
	Slug            string
	Name            string
	CitySlug        string
	Address         string
	Latitude        *float64
	Longitude       *float64
	TimeZone        string
	Amenities       []string
	TrailerMinutes  int
	CleaningMinutes int
}

// Location returns the theater's time zone (UTC if it is unknown).
func (t Theater) Location() *time.Location { return loadLocation(t.TimeZone) }

// Screen is an auditorium in a theater.
type Screen struct {
	ID        int64
	TheaterID int64
	Name      string
	Formats   []string
	Layout    Layout
	SeatCount int
}

// Plays reports whether the screen supports format.
func (s Screen) Plays(format string) bool {
	for _, f := range s.Formats {
		if f == format {
			return true
		}
	}
	return false
}

// ShowStatus is a show's state as the catalogue knows it.
type ShowStatus string

// Show statuses. A scheduled show with no seats left is sold out; booking
// keeps the availability count current.
const (
	Scheduled ShowStatus = "scheduled"
	Cancelled ShowStatus = "cancelled"
)

// Show is one screening.
type Show struct {
	ID             int64
	MovieID        int64
	ScreenID       int64
	TheaterID      int64
	StartsAt       time.Time // UTC
	EndsAt         time.Time // the film ends
	CleanUntil     time.Time // the screen is free again
	Language       string
	Format         string
	Subtitles      string
	Prices         Prices
	Status         ShowStatus
	SeatsTotal     int
	SeatsAvailable int
}

// SoldOut reports whether no seat is left.
func (s Show) SoldOut() bool { return s.Status == Scheduled && s.SeatsAvailable == 0 }

// AlmostFull reports whether at most a fifth of the seats (or 10) are left.
func (s Show) AlmostFull() bool {
	return !s.SoldOut() && (s.SeatsAvailable*5 <= s.SeatsTotal || s.SeatsAvailable <= 10)
}

// Bookable reports whether tickets can still be bought at now.
func (s Show) Bookable(now time.Time) bool {
	return s.Status == Scheduled && s.StartsAt.After(now) && s.SeatsAvailable > 0
}

// Prices maps a seat category to its price in the currency's minor unit.
type Prices map[Category]int64

func loadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}
