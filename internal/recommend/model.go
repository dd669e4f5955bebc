package recommend

import (
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"math"
	"slices"
	"strings"
)

// Item is a movie as the model sees it.
type Item struct {
	ID        int64
	Title     string
	Genres    []string
	Languages []string
	Directors []string
	Cast      []string // top-billed first
	// Demand is recent popularity on any scale (seats sold, bookings); the
	// model adds the positive signals it sees itself.
	Demand float64
}

// Touch is what one user did with one movie.
type Touch struct {
	MovieID   int64
	Bookings  int
	Stars     int // 0 when unrated
	Followed  bool
	Clicks    int
	Views     int
	Dismissed bool
}

// History is one user's touches and stated preferences.
type History struct {
	UserID    int64
	Touches   []Touch
	Genres    []string // stated on the profile
	Languages []string
}

// Params tune the model. DefaultParams are the values the service and the
// offline evaluation use.
type Params struct {
	// Neighbours is how many similar movies are kept per movie.
	Neighbours int
	// Lambda regularises the collaborative weights (EASE's λ, see
	// easeWeights): the larger, the more co-bookings a pair needs before
	// one movie speaks for the other.
	Lambda float64
	// MinLikes: a movie liked by fewer users has no collaborative weights,
	// only content ones (too little evidence, and a smaller matrix).
	MinLikes int
	// MaxCollaborative caps how many movies (the most liked) get
	// collaborative weights: training time grows with its cube.
	MaxCollaborative int
	// Collaborative scales the collaborative weights against Content,
	// which weighs content similarity.
	Collaborative float64
	Content       float64
	// Taste weighs the match of a movie's genres, languages and people with
	// the user's profile; Popularity adds a little demand to break ties.
	Taste      float64
	Popularity float64
}

// DefaultParams are the tuned defaults (see recommend-eval).
func DefaultParams() Params {
	return Params{Neighbours: 40, Lambda: 100, MinLikes: 3, MaxCollaborative: 3000, Collaborative: 20, Content: 0.3, Taste: 0.6, Popularity: 0.15}
}

// Neighbour is a similar movie, with what makes it similar.
type Neighbour struct {
	ID     int64
	Score  float64
	Reason string
}

// Model is a trained recommender: each movie's neighbours and features.
type Model struct {
	params Params
	ids    []int64
	index  map[int64]int
	titles []string
	// feats are each movie's weighted, unit-length features; pop is demand
	// scaled to [0, 1].
	feats      []featVec
	featIDs    map[string]int32
	pop        []float64
	neighbours [][]Neighbour
}

// weight is how much a touch says the user likes the movie: explicit
// ratings first, then bookings, follows, clicks and views. Zero or less
// means it is no evidence of liking.
func (t Touch) weight() float64 {
	if t.Dismissed {
		return 0
	}
	if t.Stars > 0 {
		return []float64{0, -0.5, -0.2, 0.4, 1.0, 1.3}[t.Stars]
	}
	switch {
	case t.Bookings > 0:
		return 1
	case t.Followed:
		return 0.6
	case t.Clicks > 0:
		return 0.3
	case t.Views > 0:
		return 0.15
	}
	return 0
}

// positive reports whether the touch puts the movie in the user's set for
// collaborative filtering: a booking not rated down, or a high rating.
func (t Touch) positive() bool {
	if t.Dismissed {
		return false
	}
	return t.Stars >= 4 || (t.Bookings > 0 && (t.Stars == 0 || t.Stars >= 3))
}

// seen reports whether the movie must not be recommended to the user again.
func (t Touch) seen() bool { return t.Bookings > 0 || t.Dismissed || t.Stars > 0 }

// Train builds the model from the movies and every user's history. A
// movie's neighbours blend collaborative weights (EASE: how much liking
// it predicts liking the other, given everything else the user liked)
// with content similarity.
func Train(items []Item, users []History, p Params) *Model {
	m := newModel(items, p)
	n := len(items)
	// Collaborative: who booked or loved what.
	sets := make([][]int32, 0, len(users))
	count := make([]float64, n)
	for _, h := range users {
		var set []int32
		for _, t := range h.Touches {
			if i, ok := m.index[t.MovieID]; ok && t.positive() {
				set = append(set, int32(i))
				count[i]++
			}
		}
		if len(set) > 0 {
			sets = append(sets, set)
		}
	}
	m.setPopularity(items, count)
	cfItems, cfAt, b := easeWeights(sets, count, p.MinLikes, p.MaxCollaborative, p.Lambda)
	cf := make([]float64, n)
	content := make([]float64, n)
	postings := m.postings()
	for i := range n {
		clear(cf)
		if a, ok := cfAt[i]; ok {
			for c, w := range b.RawRowView(a) {
				cf[cfItems[c]] = max(w, 0) * p.Collaborative
			}
		}
		clear(content)
		for _, f := range m.feats[i] {
			for _, e := range postings[f.key] {
				content[e.item] += f.w * e.w
			}
		}
		m.neighbours[i] = m.topNeighbours(i, cf, content)
	}
	return m
}

func newModel(items []Item, p Params) *Model {
	m := &Model{params: p, ids: make([]int64, len(items)), index: make(map[int64]int, len(items)),
		titles: make([]string, len(items)), pop: make([]float64, len(items)),
		neighbours: make([][]Neighbour, len(items))}
	for i, it := range items {
		m.ids[i], m.index[it.ID], m.titles[i] = it.ID, i, it.Title
	}
	m.feats = featuresOf(items)
	m.featIDs = map[string]int32{}
	for _, fv := range m.feats {
		for k := range fv {
			id, ok := m.featIDs[fv[k].key]
			if !ok {
				id = int32(len(m.featIDs))
				m.featIDs[fv[k].key] = id
			}
			fv[k].id = id
		}
	}
	return m
}

// setPopularity scales demand plus positive signals to [0, 1] (log scale:
// a blockbuster should not drown everything else).
func (m *Model) setPopularity(items []Item, count []float64) {
	top := 0.0
	for i, it := range items {
		m.pop[i] = math.Log1p(it.Demand + count[i])
		top = max(top, m.pop[i])
	}
	if top > 0 {
		for i := range m.pop {
			m.pop[i] /= top
		}
	}
}

type posting struct {
	item int32
	w    float64
}

func (m *Model) postings() map[string][]posting {
	out := map[string][]posting{}
	for i, fv := range m.feats {
		for _, f := range fv {
			out[f.key] = append(out[f.key], posting{item: int32(i), w: f.w})
		}
	}
	return out
}

// topNeighbours blends both similarities for movie i and keeps the best.
func (m *Model) topNeighbours(i int, cf, content []float64) []Neighbour {
	type cand struct {
		j          int
		score, cf0 float64
	}
	var cands []cand
	for j := range cf {
		if j == i {
			continue
		}
		s := cf[j] + m.params.Content*content[j]
		if s > 0 {
			cands = append(cands, cand{j: j, score: s, cf0: cf[j]})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return a.j - b.j
	})
	cands = cands[:min(len(cands), m.params.Neighbours)]
	out := make([]Neighbour, len(cands))
	for k, c := range cands {
		out[k] = Neighbour{ID: m.ids[c.j], Score: c.score,
			Reason: m.pairReason(i, c.j, c.cf0 >= m.params.Content*content[c.j])}
	}
	return out
}

// pairReason says why movie j is like movie i, in the words the movie
// page shows under "More like this".
func (m *Model) pairReason(i, j int, collaborative bool) string {
	if collaborative {
		return reason(i18n.Msg("People who booked {{.Title}} booked this too"), "Title", m.titles[i])
	}
	shared := func(prefix string) string {
		for _, f := range m.feats[j] {
			if strings.HasPrefix(f.key, prefix) && m.feats[i].has(f.key) {
				return f.label
			}
		}
		return ""
	}
	if d := shared("d:"); d != "" {
		return reason(i18n.Msg("Also directed by {{.Director}}"), "Director", d)
	}
	if c := shared("c:"); c != "" {
		return reason(i18n.Msg("Also stars {{.Actor}}"), "Actor", c)
	}
	if g := shared("g:"); g != "" {
		return reason(i18n.Msg("Another {{.Genre}} like {{.Title}}"), "Genre", strings.ToLower(g), "Title", m.titles[i])
	}
	return reason(i18n.Msg("Similar to {{.Title}}"), "Title", m.titles[i])
}

// Neighbours returns movie id's similar movies, best first (nil for an
// unknown movie).
func (m *Model) Neighbours(id int64) []Neighbour {
	i, ok := m.index[id]
	if !ok {
		return nil
	}
	return m.neighbours[i]
}

// Movies lists the ids the model knows, in training order.
func (m *Model) Movies() []int64 { return m.ids }
