// Package demo loads Marquee's demonstration catalogue: 44 invented movies,
// 13 theaters with 45 screens in four cities and time zones, price rules,
// and two weeks of shows from today. The data is ours (data/*.json); the
// schedule is deterministic for a given day.
package demo

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
)

//go:embed data/*.json
var data embed.FS

// Days of shows the demo schedules, from today.
const Days = 14

type movieJSON struct {
	Title             string   `json:"title"`
	Synopsis          string   `json:"synopsis"`
	Tagline           string   `json:"tagline"`
	RuntimeMinutes    int      `json:"runtime_minutes"`
	ReleaseOffsetDays int      `json:"release_offset_days"`
	Status            string   `json:"status"`
	Certification     string   `json:"certification"`
	OriginalLanguage  string   `json:"original_language"`
	DubbedLanguages   []string `json:"dubbed_languages"`
	SubtitleLanguages []string `json:"subtitle_languages"`
	Genres            []string `json:"genres"`
	Formats           []string `json:"formats"`
	Rating            *float64 `json:"rating"`
	Popularity        int      `json:"popularity"`
	TrailerURL        *string  `json:"trailer_url"`
	PosterPalette     []string `json:"poster_palette"`
	Cast              []struct {
		Name      string `json:"name"`
		Character string `json:"character"`
	} `json:"cast"`
	Crew []struct {
		Name string `json:"name"`
		Job  string `json:"job"`
	} `json:"crew"`
}

type theaterJSON struct {
	Name      string   `json:"name"`
	City      string   `json:"city"`
	TimeZone  string   `json:"time_zone"`
	Address   string   `json:"address"`
	Latitude  float64  `json:"latitude"`
	Longitude float64  `json:"longitude"`
	Amenities []string `json:"amenities"`
	Screens   []struct {
		Name    string   `json:"name"`
		Formats []string `json:"formats"`
		Layout  struct {
			Rows []string `json:"rows"`
		} `json:"layout"`
	} `json:"screens"`
}

// cityInfo is a demo city with its standard ticket price (minor units).
type cityInfo struct {
	name, tz, currency string
	standard           int64
}

func demoCities() []cityInfo {
	return []cityInfo{
		{"Mumbai", "Asia/Kolkata", "INR", 250_00},
		{"London", "Europe/London", "GBP", 12_50},
		{"New York", "America/New_York", "USD", 16_00},
		{"Sydney", "Australia/Sydney", "AUD", 22_00},
	}
}

// Seeded reports whether the catalogue already has movies.
func Seeded(ctx context.Context, svc *catalog.Service) (bool, error) {
	_, n, err := svc.Movies(ctx, catalog.MovieFilter{})
	return n > 0, err
}

// Load fills an empty catalogue with the demo data, scheduling shows from
// the day of now. It returns the number of shows scheduled.
func Load(ctx context.Context, svc *catalog.Service, now time.Time) (int, error) {
	var movies []movieJSON
	var theaters []theaterJSON
	if err := readJSON("data/movies.json", &movies); err != nil {
		return 0, err
	}
	if err := readJSON("data/theaters.json", &theaters); err != nil {
		return 0, err
	}
	for _, c := range demoCities() {
		if err := svc.SaveCity(ctx, catalog.City{Name: c.name, TimeZone: c.tz, Currency: c.currency}); err != nil {
			return 0, fmt.Errorf("demo city %s: %w", c.name, err)
		}
	}
	var showing []catalog.Movie
	for _, m := range movies {
		movie, err := svc.CreateMovie(ctx, movieInput(m, now))
		if err != nil {
			return 0, fmt.Errorf("demo movie %q: %w", m.Title, err)
		}
		if m.Rating != nil {
			// A plausible number of ratings behind the average.
			if err := svc.SetRating(ctx, movie.ID, *m.Rating, 40+m.Popularity*23); err != nil {
				return 0, fmt.Errorf("demo rating of %q: %w", m.Title, err)
			}
		}
		if movie.Status == catalog.NowShowing {
			showing = append(showing, movie)
		}
	}
	rng := rand.New(rand.NewPCG(uint64(now.YearDay()), 2026))
	total := 0
	for _, t := range theaters {
		n, err := loadTheater(ctx, svc, t, showing, now, rng)
		if err != nil {
			return total, fmt.Errorf("demo theater %q: %w", t.Name, err)
		}
		total += n
	}
	return total, nil
}

func readJSON(name string, v any) error {
	b, err := data.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	return nil
}

func movieInput(m movieJSON, now time.Time) catalog.MovieInput {
	in := catalog.MovieInput{
		Title: m.Title, Tagline: m.Tagline, Synopsis: m.Synopsis, RuntimeMinutes: m.RuntimeMinutes,
		ReleaseDate:   now.AddDate(0, 0, m.ReleaseOffsetDays).Truncate(24 * time.Hour),
		Certification: m.Certification, OriginalLanguage: m.OriginalLanguage,
		DubbedLanguages: m.DubbedLanguages, SubtitleLanguages: m.SubtitleLanguages,
		Genres: m.Genres, Formats: m.Formats, Status: catalog.MovieStatus(m.Status),
		PosterPalette: m.PosterPalette,
	}
	if m.TrailerURL != nil {
		in.TrailerURL = *m.TrailerURL
	}
	for _, c := range m.Cast {
		in.Cast = append(in.Cast, catalog.Credit{Name: c.Name, Role: c.Character})
	}
	for _, c := range m.Crew {
		in.Crew = append(in.Crew, catalog.Credit{Name: c.Name, Role: c.Job})
	}
	return in
}

// Layout converts the demo's compact rows (front first; x = blocked seat)
// to a catalogue layout with rows lettered from the front.
func Layout(rows []string) catalog.Layout {
	l := catalog.Layout{}
	for i, r := range rows {
		l.Rows = append(l.Rows, catalog.Row{Label: catalog.RowLabel(i), Cells: strings.ReplaceAll(r, "x", "S")})
	}
	return l
}

func loadTheater(ctx context.Context, svc *catalog.Service, t theaterJSON, showing []catalog.Movie, now time.Time, rng *rand.Rand) (int, error) {
	all := demoCities()
	i := slices.IndexFunc(all, func(c cityInfo) bool { return c.name == t.City })
	if i < 0 {
		return 0, fmt.Errorf("unknown demo city %q", t.City)
	}
	city := all[i]
	lat, lng := t.Latitude, t.Longitude
	theater, err := svc.CreateTheater(ctx, catalog.TheaterInput{
		Name: t.Name, CitySlug: catalog.Slugify(t.City), Address: t.Address, Latitude: &lat, Longitude: &lng,
		TimeZone: t.TimeZone, Amenities: t.Amenities, TrailerMinutes: 15, CleaningMinutes: 15,
	})
	if err != nil {
		return 0, err
	}
	if err := priceRules(ctx, svc, theater.ID, city.standard); err != nil {
		return 0, err
	}
	total := 0
	for _, sc := range t.Screens {
		screen, err := svc.CreateScreen(ctx, theater.ID, catalog.ScreenInput{Name: sc.Name, Formats: sc.Formats, Layout: Layout(sc.Layout.Rows)})
		if err != nil {
			return total, fmt.Errorf("screen %q: %w", sc.Name, err)
		}
		inputs := schedule(screen, theater, city.name, showing, now, rng)
		for _, in := range inputs {
			if _, err := svc.ScheduleShow(ctx, in); err != nil {
				return total, fmt.Errorf("show on %s at %s: %w", screen.Name, in.StartsAt, err)
			}
		}
		total += len(inputs)
	}
	return total, nil
}

// priceRules sets a realistic ladder from the city's standard price:
// premium and recliner cost more, matinees and weekdays less.
func priceRules(ctx context.Context, svc *catalog.Service, theaterID, standard int64) error {
	steps := map[catalog.Category]int64{
		catalog.Standard: 100, catalog.Premium: 140, catalog.Recliner: 220,
		catalog.Wheelchair: 100, catalog.Companion: 100,
	}
	for c, pct := range steps {
		base := standard * pct / 100
		for _, r := range []catalog.PriceRule{
			{Category: c, DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: base},
			{Category: c, DayKind: catalog.Weekend, Daypart: catalog.Evening, Amount: base * 120 / 100},
			{Category: c, DayKind: catalog.Weekday, Daypart: catalog.Matinee, Amount: base * 80 / 100},
		} {
			r.TheaterID = theaterID
			r.Amount = roundPrice(r.Amount)
			if err := svc.SetPriceRule(ctx, r); err != nil {
				return fmt.Errorf("price rule: %w", err)
			}
		}
	}
	return nil
}

// roundPrice rounds to a whole 0.50 of the currency (50 minor units).
func roundPrice(v int64) int64 { return (v + 25) / 50 * 50 }
