package demo

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
)

// formatRank orders formats from most to least special: a screen shows a
// movie in the best format both support.
func formatRank() []string { return []string{"IMAX", "4DX", "Dolby Atmos", "3D", "2D"} }

// schedule plans Days days of shows on one screen: each day two movies
// alternate from about 10:00 to 23:00 local time, back to back with the
// theater's trailer and cleaning times. Shows that would start within half
// an hour of now are skipped.
func schedule(screen catalog.Screen, t catalog.Theater, city string, showing []catalog.Movie, now time.Time, rng *rand.Rand) []catalog.ShowInput {
	var playable []catalog.Movie
	for _, m := range showing {
		if bestFormat(m, screen) != "" {
			playable = append(playable, m)
		}
	}
	if len(playable) == 0 {
		return nil
	}
	loc := t.Location()
	today := now.In(loc)
	var out []catalog.ShowInput
	for d := 0; d < Days; d++ {
		day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, d)
		pair := []catalog.Movie{pick(playable, rng), pick(playable, rng)}
		start := day.Add(10*time.Hour + time.Duration(rng.IntN(10))*5*time.Minute)
		for i := 0; start.Before(day.Add(23 * time.Hour)); i++ {
			m := pair[i%2]
			if start.After(now.Add(30 * time.Minute)) {
				out = append(out, catalog.ShowInput{
					MovieID: m.ID, ScreenID: screen.ID, StartsAt: start,
					Language: language(m, city), Format: bestFormat(m, screen), Subtitles: subtitles(m, city),
				})
			}
			busy := time.Duration(t.TrailerMinutes+m.RuntimeMinutes+t.CleaningMinutes) * time.Minute
			start = start.Add(busy).Add(time.Duration(rng.IntN(4)) * 5 * time.Minute)
			start = start.Add(time.Duration((5-start.Minute()%5)%5) * time.Minute)
		}
	}
	return out
}

// pick chooses a movie, favouring popular ones.
func pick(ms []catalog.Movie, rng *rand.Rand) catalog.Movie {
	total := 0
	for _, m := range ms {
		total += m.Popularity + 10
	}
	n := rng.IntN(total)
	for _, m := range ms {
		n -= m.Popularity + 10
		if n < 0 {
			return m
		}
	}
	return ms[len(ms)-1]
}

func bestFormat(m catalog.Movie, s catalog.Screen) string {
	for _, f := range formatRank() {
		if slices.Contains(m.Formats, f) && s.Plays(f) {
			return f
		}
	}
	return ""
}

// language shows Indian films in Hindi in Mumbai when dubbed, else in their
// original language; elsewhere English when dubbed into it.
func language(m catalog.Movie, city string) string {
	want := "English"
	if city == "Mumbai" {
		want = "Hindi"
	}
	if m.OriginalLanguage == want || slices.Contains(m.DubbedLanguages, want) {
		return want
	}
	return m.OriginalLanguage
}

func subtitles(m catalog.Movie, city string) string {
	lang := language(m, city)
	if lang != "English" && slices.Contains(m.SubtitleLanguages, "English") {
		return "English"
	}
	return ""
}
