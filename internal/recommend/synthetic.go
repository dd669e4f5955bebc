package recommend

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Population is a synthetic audience for measuring the model offline.
//
// How it is made (deterministic for a seed):
//   - Movies: each has 1-3 of 14 genres, one of 6 languages (skewed: the
//     first language has about a third of all movies), a director from a
//     pool of Movies/8 and 4 actors from a pool of Movies/2 (actor and
//     director popularity is Zipf-like), and a hidden "buzz" drawn from a
//     Zipf-like law (rank^-0.9): a few blockbusters, a long tail.
//   - Users: each has hidden tastes: 2-3 favourite genres with weights,
//     1-2 languages they watch in, 3 favourite actors and a favourite
//     director. Some state part of it on their profile (half state their
//     top genre, a third their first language).
//   - Bookings: each user makes 4 + Poisson(BookingsPerUser-4) bookings,
//     one after another, never the same movie twice. With probability
//     Noise a booking follows buzz alone (popularity bias, impulse); else
//     a movie is drawn with probability proportional to buzz^0.5 x
//     exp(3 x affinity), where affinity sums the user's weights for the
//     movie's genres, +1 for a favourite actor or director, and -2.5 when
//     the movie is in a language they do not watch in.
//   - Ratings: a quarter of bookings are rated, 4-5 stars when affinity is
//     high, 1-3 when it is low.
//   - The last booking of every user is held out: the model and the
//     popularity baseline see the rest and must rank it in their top 10.
type Population struct {
	Items   []Item
	Users   []History
	HeldOut []int64 // per user, the movie of their last booking
}

// PopulationSpec sizes a synthetic population.
type PopulationSpec struct {
	Users, Movies   int
	BookingsPerUser float64
	Noise           float64
	Seed            uint64
}

var synthGenres = []string{"Action", "Comedy", "Drama", "Thriller", "Romance", "Horror", "Sci-Fi",
	"Animation", "Crime", "Fantasy", "Documentary", "Family", "Mystery", "Adventure"}

var synthLanguages = []string{"Hindi", "English", "Tamil", "Telugu", "Marathi", "Malayalam"}

type synthUser struct {
	genres    map[string]float64
	languages map[string]bool
	people    map[string]bool
}

// Synthesize builds a population to spec.
func Synthesize(s PopulationSpec) Population {
	r := rand.New(rand.NewPCG(s.Seed, s.Seed^0x9e3779b97f4a7c15))
	langWeights := []float64{0.34, 0.26, 0.14, 0.12, 0.08, 0.06}
	directors, actors := zipfWeights(max(s.Movies/8, 4), 1.1), zipfWeights(max(s.Movies/2, 8), 1.1)
	var p Population
	buzz := make([]float64, s.Movies)
	for i := range s.Movies {
		it := Item{ID: int64(i + 1), Title: fmt.Sprintf("Movie %d", i+1)}
		for _, g := range r.Perm(len(synthGenres))[:1+r.IntN(3)] {
			it.Genres = append(it.Genres, synthGenres[g])
		}
		it.Languages = []string{synthLanguages[pick(r, langWeights)]}
		it.Directors = []string{fmt.Sprintf("Director %d", pick(r, directors))}
		for len(it.Cast) < 4 {
			a := fmt.Sprintf("Actor %d", pick(r, actors))
			if !contains(it.Cast, a) {
				it.Cast = append(it.Cast, a)
			}
		}
		buzz[i] = 1 / math.Pow(float64(r.IntN(s.Movies)+1), 0.9)
		p.Items = append(p.Items, it)
	}
	for u := range s.Users {
		su := synthUser{genres: map[string]float64{}, languages: map[string]bool{}, people: map[string]bool{}}
		for k, g := range r.Perm(len(synthGenres))[:2+r.IntN(2)] {
			su.genres[synthGenres[g]] = 1 / float64(k+1)
		}
		first := synthLanguages[pick(r, langWeights)]
		su.languages[first] = true
		if r.Float64() < 0.4 {
			su.languages[synthLanguages[pick(r, langWeights)]] = true
		}
		for range 3 {
			su.people[fmt.Sprintf("Actor %d", pick(r, actors))] = true
		}
		su.people[fmt.Sprintf("Director %d", pick(r, directors))] = true
		h := History{UserID: int64(u + 1)}
		if r.Float64() < 0.5 {
			h.Genres = []string{topGenre(su.genres)}
		}
		if r.Float64() < 0.33 {
			h.Languages = []string{first}
		}
		weights := make([]float64, s.Movies)
		affinity := make([]float64, s.Movies)
		for i, it := range p.Items {
			affinity[i] = su.affinity(it)
			weights[i] = math.Sqrt(buzz[i]) * math.Exp(3*affinity[i])
		}
		buzzLeft := append([]float64(nil), buzz...)
		n := 4 + poisson(r, max(s.BookingsPerUser-4, 0))
		var last int64
		for range min(n, s.Movies) {
			var i int
			if r.Float64() < s.Noise {
				i = pick(r, buzzLeft)
			} else {
				i = pick(r, weights)
			}
			weights[i], buzzLeft[i] = 0, 0
			t := Touch{MovieID: p.Items[i].ID, Bookings: 1}
			if r.Float64() < 0.25 {
				t.Stars = stars(r, affinity[i])
			}
			h.Touches = append(h.Touches, t)
			last = t.MovieID
		}
		h.Touches = h.Touches[:len(h.Touches)-1]
		p.Users = append(p.Users, h)
		p.HeldOut = append(p.HeldOut, last)
	}
	return p
}

// Dataset is the population as a log: every user's bookings in order,
// the held-out one last, for Evaluate to split again.
func (p Population) Dataset() Dataset {
	ds := Dataset{Items: p.Items, Users: make([]History, len(p.Users))}
	for u, h := range p.Users {
		h.Touches = append(append([]Touch(nil), h.Touches...), Touch{MovieID: p.HeldOut[u], Bookings: 1})
		ds.Users[u] = h
		ds.Interactions += len(h.Touches)
	}
	return ds
}

func (su synthUser) affinity(it Item) float64 {
	a := 0.0
	for _, g := range it.Genres {
		a += su.genres[g]
	}
	for _, people := range [][]string{it.Directors, it.Cast} {
		for _, x := range people {
			if su.people[x] {
				a++
			}
		}
	}
	if !su.languages[it.Languages[0]] {
		a -= 2.5
	}
	return a
}

func stars(r *rand.Rand, affinity float64) int {
	switch {
	case affinity >= 1:
		return 4 + r.IntN(2)
	case affinity >= 0.4:
		return 3 + r.IntN(2)
	default:
		return 1 + r.IntN(3)
	}
}

func topGenre(g map[string]float64) string {
	keys := make([]string, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool { return g[keys[a]] > g[keys[b]] || (g[keys[a]] == g[keys[b]] && keys[a] < keys[b]) })
	return keys[0]
}

// zipfWeights gives rank k of n the weight (k+1)^-exp.
func zipfWeights(n int, exp float64) []float64 {
	w := make([]float64, n)
	for k := range w {
		w[k] = math.Pow(float64(k+1), -exp)
	}
	return w
}

// pick draws an index with probability proportional to its weight.
func pick(r *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	x := r.Float64() * total
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] > 0 {
			return i
		}
	}
	return 0
}

func poisson(r *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
