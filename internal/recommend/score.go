package recommend

import (
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"math"
	"slices"
	"strings"
)

// Suggestion is a movie recommended to a user, with why.
type Suggestion struct {
	MovieID int64
	Score   float64
	Reason  string
}

// Reasons for suggestions with no personal evidence behind them.
var reasonPopular = reason(i18n.Msg("Popular right now"))

// Recommend scores every movie allowed (nil: all) for the user and returns
// the best k, never one they booked, rated or dismissed. A user the model
// knows nothing about (no touches, no stated taste) gets nothing: callers
// fall back to popularity.
func (m *Model) Recommend(h History, k int, allowed func(id int64) bool) []Suggestion {
	p := m.params
	seen := map[int]bool{}
	type anchor struct {
		i int
		w float64
		t Touch
	}
	var anchors []anchor
	total := 0.0
	for _, t := range h.Touches {
		i, ok := m.index[t.MovieID]
		if !ok {
			continue
		}
		if t.seen() {
			seen[i] = true
		}
		if w := t.weight(); w != 0 {
			anchors = append(anchors, anchor{i: i, w: w, t: t})
			total += math.Abs(w)
		}
	}
	profile := m.profile(h, func(yield func(int, float64)) {
		for _, a := range anchors {
			yield(a.i, a.w)
		}
	})
	if len(anchors) == 0 && len(profile) == 0 {
		return nil
	}
	n := len(m.ids)
	item := make([]float64, n)
	best := make([]float64, n)
	from := make([]int, n)
	for i := range from {
		from[i] = -1
	}
	norm := 1 / math.Sqrt(max(total, 1))
	for ai, a := range anchors {
		for _, nb := range m.neighbours[a.i] {
			j := m.index[nb.ID]
			c := a.w * nb.Score * norm
			item[j] += c
			if c > best[j] {
				best[j], from[j] = c, ai
			}
		}
	}
	type cand struct {
		j           int
		score, item float64
		taste       float64
		why         feature
	}
	var cands []cand
	for j := range n {
		if seen[j] || (allowed != nil && !allowed(m.ids[j])) {
			continue
		}
		taste, why := m.taste(profile, j)
		c := cand{j: j, item: item[j], taste: p.Taste * taste, why: why}
		c.score = c.item + c.taste + p.Popularity*m.pop[j]
		if c.score > 0 {
			cands = append(cands, c)
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
	out := make([]Suggestion, min(k, len(cands)))
	for x := range out {
		c := cands[x]
		reason := reasonPopular
		switch {
		case from[c.j] >= 0 && c.item >= c.taste:
			a := anchors[from[c.j]]
			reason = anchorReason(m.titles[a.i], a.t)
		case c.why.key != "":
			reason = tasteReason(c.why, h)
		}
		out[x] = Suggestion{MovieID: m.ids[c.j], Score: c.score, Reason: reason}
	}
	return out
}

// profile is the user's taste as weighted features (dense, by feature
// id): those of the movies they liked, less those they rated down, and the
// genres and languages they stated, scaled to unit length. nil when there
// is nothing to go on.
func (m *Model) profile(h History, anchors func(func(int, float64))) []float64 {
	out := make([]float64, len(m.featIDs))
	any := false
	anchors(func(i int, w float64) {
		for _, f := range m.feats[i] {
			out[f.id] += w * f.w
			any = true
		}
	})
	stated := func(kind byte, vals []string) {
		for _, v := range vals {
			if id, ok := m.featIDs[featureKey(kind, v)]; ok {
				out[id] += 0.5
				any = true
			}
		}
	}
	stated('g', h.Genres)
	stated('l', h.Languages)
	if !any {
		return nil
	}
	norm := 0.0
	for k, v := range out {
		if v < 0 {
			out[k] = 0
			continue
		}
		norm += v * v
	}
	if norm == 0 {
		return nil
	}
	norm = math.Sqrt(norm)
	for k := range out {
		out[k] /= norm
	}
	return out
}

// taste is how well movie j matches the profile (cosine), and the feature
// that matches best (zero when none does). A shared genre or person names
// the reason before a shared language, which says less about taste.
func (m *Model) taste(profile []float64, j int) (float64, feature) {
	if profile == nil {
		return 0, feature{}
	}
	sum, top, topLang := 0.0, 0.0, 0.0
	var best, lang feature
	for _, f := range m.feats[j] {
		c := profile[f.id] * f.w
		sum += c
		switch {
		case f.key[0] == 'l' && c > topLang:
			topLang, lang = c, f
		case f.key[0] != 'l' && c > top:
			top, best = c, f
		}
	}
	if top == 0 {
		return sum, lang
	}
	return sum, best
}

func tasteReason(f feature, h History) string {
	switch f.key[0] {
	case 'g':
		return reason(i18n.Msg("Matches your taste for {{.Genre}}"), "Genre", f.label)
	case 'l':
		for _, l := range h.Languages {
			if strings.EqualFold(l, f.label) {
				return reason(i18n.Msg("In {{.Language}}, one of your languages"), "Language", f.label)
			}
		}
		return reason(i18n.Msg("In {{.Language}}, like the films you book"), "Language", f.label)
	case 'd':
		return reason(i18n.Msg("From {{.Director}}, whose films you've enjoyed"), "Director", f.label)
	default:
		return reason(i18n.Msg("Stars {{.Actor}}, from films you've enjoyed"), "Actor", f.label)
	}
}

// anchorReason names the movie behind a suggestion and what the user did.
func anchorReason(title string, t Touch) string {
	switch {
	case t.Stars == 5:
		return reason(i18n.Msg("Because you loved {{.Title}}"), "Title", title)
	case t.Stars == 4:
		return reason(i18n.Msg("Because you liked {{.Title}}"), "Title", title)
	case t.Bookings > 0:
		return reason(i18n.Msg("Because you booked {{.Title}}"), "Title", title)
	case t.Followed:
		return reason(i18n.Msg("Because you follow {{.Title}}"), "Title", title)
	default:
		return reason(i18n.Msg("Because you looked at {{.Title}}"), "Title", title)
	}
}

// PopularityRanking returns every movie's id by popularity, most popular
// first: the baseline the model is measured against.
func (m *Model) PopularityRanking() []int64 {
	order := make([]int, len(m.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case m.pop[a] > m.pop[b]:
			return -1
		case m.pop[a] < m.pop[b]:
			return 1
		}
		return 0
	})
	out := make([]int64, len(order))
	for k, i := range order {
		out[k] = m.ids[i]
	}
	return out
}
