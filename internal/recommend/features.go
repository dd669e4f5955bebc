package recommend

import (
	"math"
	"strings"
)

// feature is one weighted fact about a movie: its key ("g:thriller",
// "l:hindi", "d:denis villeneuve", "c:amy adams") and how people read it.
type feature struct {
	key   string
	label string
	w     float64
	id    int32 // dense index of key within a model
}

// featVec is a movie's features, unit length.
type featVec []feature

func (v featVec) has(key string) bool {
	for _, f := range v {
		if f.key == key {
			return true
		}
	}
	return false
}

// Kinds of feature and how much each says about taste: a director or a
// lead actor is more telling than one of three genres.
var featureWeights = map[byte]float64{'g': 1.0, 'l': 1.2, 'd': 1.0, 'c': 0.7}

func featureKey(kind byte, v string) string {
	return string(kind) + ":" + strings.ToLower(strings.TrimSpace(v))
}

// rawFeatures lists a movie's feature keys and labels (unweighted).
func rawFeatures(it Item) []feature {
	var out []feature
	add := func(kind byte, vals []string) {
		for _, v := range vals {
			if strings.TrimSpace(v) == "" {
				continue
			}
			k := featureKey(kind, v)
			dup := false
			for _, f := range out {
				dup = dup || f.key == k
			}
			if !dup {
				out = append(out, feature{key: k, label: strings.TrimSpace(v), w: featureWeights[kind]})
			}
		}
	}
	add('g', it.Genres)
	add('l', it.Languages)
	add('d', it.Directors)
	add('c', it.Cast)
	return out
}

// featuresOf weighs every movie's features by kind and rarity (a feature
// every movie shares says nothing) and scales each vector to unit length,
// so the dot product of two movies is their cosine similarity.
func featuresOf(items []Item) []featVec {
	raw := make([][]feature, len(items))
	df := map[string]int{}
	for i, it := range items {
		raw[i] = rawFeatures(it)
		for _, f := range raw[i] {
			df[f.key]++
		}
	}
	n := float64(len(items))
	out := make([]featVec, len(items))
	for i, fs := range raw {
		norm := 0.0
		for k := range fs {
			fs[k].w *= math.Log(1 + n/float64(df[fs[k].key]))
			norm += fs[k].w * fs[k].w
		}
		norm = math.Sqrt(norm)
		for k := range fs {
			if norm > 0 {
				fs[k].w /= norm
			}
		}
		out[i] = fs
	}
	return out
}

// tasteLabel is how a genre reads in "Matches your taste for ...".
func tasteLabel(genre string) string {
	g := strings.ToLower(genre)
	plural := map[string]string{
		"thriller": "thrillers", "drama": "dramas", "comedy": "comedies", "western": "westerns",
		"musical": "musicals", "documentary": "documentaries", "mystery": "mysteries",
		"biography": "biopics", "family": "family films", "war": "war films", "sport": "sports films",
		"sci-fi": "sci-fi", "science fiction": "science fiction", "romance": "romance",
		"action": "action", "horror": "horror", "animation": "animation", "crime": "crime",
		"fantasy": "fantasy", "adventure": "adventure", "history": "period films",
	}
	if p, ok := plural[g]; ok {
		return p
	}
	return g
}
