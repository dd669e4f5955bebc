package recommend

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Dataset is an interaction log for offline evaluation: the movies and
// every user's touches in the order they happened.
type Dataset struct {
	Items []Item
	Users []History
	// Interactions counts the rows read (every touch of every user).
	Interactions int
}

// MovieLensOptions say how ratings become touches.
type MovieLensOptions struct {
	// Threshold: a rating at or above it is a positive (a 4- or 5-star
	// touch); below it, a 1- to 3-star touch the model reads as seen and
	// not loved. Ignored when Implicit.
	Threshold float64
	// Implicit makes every rating a booking, whatever its value.
	Implicit bool
	// MaxUsers keeps only the first N users by id (0: all).
	MaxUsers int
}

// ErrBadInput is returned for a missing, unreadable or malformed file.
var ErrBadInput = errors.New("bad input")

// ReadMovieLens reads the MovieLens CSV layout: movies.csv
// (movieId,title,genres with "|" between genres; titles may be quoted) and
// ratings.csv (userId,movieId,rating,timestamp), each with a header line.
// Each user's touches are ordered by timestamp. It returns an error
// wrapping ErrBadInput that names the file and line of the first bad row.
func ReadMovieLens(ratingsPath, moviesPath string, o MovieLensOptions) (Dataset, error) {
	var ds Dataset
	known := map[int64]bool{}
	err := readCSV(moviesPath, 3, func(line int, rec []string) error {
		id, err := strconv.ParseInt(rec[0], 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("movieId %q is not a positive integer", rec[0])
		}
		if known[id] {
			return fmt.Errorf("movie %d is listed twice", id)
		}
		known[id] = true
		it := Item{ID: id, Title: strings.TrimSpace(rec[1])}
		for g := range strings.SplitSeq(rec[2], "|") {
			if g = strings.TrimSpace(g); g != "" && g != "(no genres listed)" {
				it.Genres = append(it.Genres, g)
			}
		}
		ds.Items = append(ds.Items, it)
		return nil
	})
	if err != nil {
		return Dataset{}, err
	}
	type row struct {
		user, movie int64
		rating      float64
		at          int64
		line        int
	}
	var rows []row
	err = readCSV(ratingsPath, 4, func(line int, rec []string) error {
		r := row{line: line}
		var errs [4]error
		r.user, errs[0] = strconv.ParseInt(rec[0], 10, 64)
		r.movie, errs[1] = strconv.ParseInt(rec[1], 10, 64)
		r.rating, errs[2] = strconv.ParseFloat(rec[2], 64)
		r.at, errs[3] = strconv.ParseInt(rec[3], 10, 64)
		if err := errors.Join(errs[:]...); err != nil || math.IsNaN(r.rating) || r.rating < 0 {
			return fmt.Errorf("want userId,movieId,rating,timestamp as numbers, got %q", strings.Join(rec, ","))
		}
		if !known[r.movie] {
			return fmt.Errorf("movie %d is not in %s", r.movie, moviesPath)
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return Dataset{}, err
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.user, b.user), cmp.Compare(a.at, b.at), cmp.Compare(a.line, b.line))
	})
	for _, r := range rows {
		if len(ds.Users) == 0 || ds.Users[len(ds.Users)-1].UserID != r.user {
			if o.MaxUsers > 0 && len(ds.Users) == o.MaxUsers {
				break
			}
			ds.Users = append(ds.Users, History{UserID: r.user})
		}
		h := &ds.Users[len(ds.Users)-1]
		h.Touches = append(h.Touches, ratingTouch(r.movie, r.rating, o))
		ds.Interactions++
	}
	return ds, nil
}

// ratingTouch turns a rating into what the model reads from a booking
// and its stars.
func ratingTouch(movie int64, rating float64, o MovieLensOptions) Touch {
	switch {
	case o.Implicit:
		return Touch{MovieID: movie, Bookings: 1}
	case rating >= o.Threshold && rating >= 4.75:
		return Touch{MovieID: movie, Stars: 5}
	case rating >= o.Threshold:
		return Touch{MovieID: movie, Stars: 4}
	}
	return Touch{MovieID: movie, Stars: int(min(max(math.Round(rating), 1), 3))}
}

// readCSV calls row for every data line of path (the header skipped),
// which must have exactly fields fields.
func readCSV(path string, fields int, row func(line int, rec []string) error) error {
	f, err := os.Open(path) // #nosec G304 -- an operator's file named on the command line
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			if first {
				return fmt.Errorf("%w: %s is empty", ErrBadInput, path)
			}
			return nil
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrBadInput, path, err)
		}
		if len(rec) != fields {
			return fmt.Errorf("%w: %s line %d: want %d fields, got %d", ErrBadInput, path, line, fields, len(rec))
		}
		if first && !isNumber(rec[0]) {
			continue // the header
		}
		if err := row(line, rec); err != nil {
			return fmt.Errorf("%w: %s line %d: %w", ErrBadInput, path, line, err)
		}
	}
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}
