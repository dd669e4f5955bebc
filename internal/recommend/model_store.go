package recommend

import "strings"

// storedMovie is a movie's part of a trained model as the tables keep it,
// so the per-user job can score without retraining.
type storedMovie struct {
	ID         int64
	Title      string
	Features   []string // kind letter, colon, label: "g:Thriller"
	Weights    []float64
	Popularity float64
}

// export returns the model's movies and neighbours for storing.
func (m *Model) export() []storedMovie {
	out := make([]storedMovie, len(m.ids))
	for i, id := range m.ids {
		s := storedMovie{ID: id, Title: m.titles[i], Popularity: m.pop[i]}
		for _, f := range m.feats[i] {
			s.Features = append(s.Features, f.key[:2]+f.label)
			s.Weights = append(s.Weights, f.w)
		}
		out[i] = s
	}
	return out
}

// restore rebuilds a model from stored movies and neighbours.
func restore(p Params, movies []storedMovie, neighbours map[int64][]Neighbour) *Model {
	m := &Model{params: p, ids: make([]int64, len(movies)), index: make(map[int64]int, len(movies)),
		titles: make([]string, len(movies)), pop: make([]float64, len(movies)), feats: make([]featVec, len(movies)),
		neighbours: make([][]Neighbour, len(movies)), featIDs: map[string]int32{}}
	for i, s := range movies {
		m.ids[i], m.index[s.ID], m.titles[i], m.pop[i] = s.ID, i, s.Title, s.Popularity
		for k, raw := range s.Features {
			kind, label, ok := strings.Cut(raw, ":")
			if !ok || len(kind) != 1 || k >= len(s.Weights) {
				continue
			}
			key := featureKey(kind[0], label)
			id, seen := m.featIDs[key]
			if !seen {
				id = int32(len(m.featIDs))
				m.featIDs[key] = id
			}
			m.feats[i] = append(m.feats[i], feature{key: key, label: label, w: s.Weights[k], id: id})
		}
	}
	for i, id := range m.ids {
		for _, nb := range neighbours[id] {
			if _, ok := m.index[nb.ID]; ok {
				m.neighbours[i] = append(m.neighbours[i], nb)
			}
		}
	}
	return m
}
