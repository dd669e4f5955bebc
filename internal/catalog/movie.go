package catalog

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// MovieInput is what an admin edits about a movie.
type MovieInput struct {
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
	TrailerURL        string
	// Palette colours the generated poster; optional.
	PosterPalette []string
	Cast          []Credit
	Crew          []Credit
}

// Validate checks the input against scheme, field by field.
func (in MovieInput) Validate(scheme CertificationScheme) error {
	var e validate.Errors
	e.Check(strings.TrimSpace(in.Title) != "" && len(in.Title) <= 200, "title", i18n.Msg("Enter a title (up to 200 characters)."))
	e.Check(in.RuntimeMinutes >= 1 && in.RuntimeMinutes <= 600, "runtime_minutes", i18n.Msg("Enter the running time in minutes (1-600)."))
	e.Check(!in.ReleaseDate.IsZero(), "release_date", i18n.Msg("Enter the release date."))
	e.Check(scheme.Valid(in.Certification), "certification", i18n.Msg("Choose a certification from the list."))
	e.Check(strings.TrimSpace(in.OriginalLanguage) != "", "original_language", i18n.Msg("Enter the original language."))
	e.Check(len(in.Genres) > 0 && len(in.Genres) <= 5, "genres", i18n.Msg("Choose one to five genres."))
	e.Check(len(in.Formats) > 0, "formats", i18n.Msg("Choose at least one format."))
	for _, f := range in.Formats {
		e.Check(slices.Contains(Formats(), f), "formats", i18n.Msg("Choose formats from the list."))
	}
	e.Check(in.Status == ComingSoon || in.Status == NowShowing || in.Status == Archived, "status", i18n.Msg("Choose a status."))
	e.Check(len(in.Synopsis) <= 2000, "synopsis", i18n.Msg("Keep the synopsis under 2000 characters."))
	if in.TrailerURL != "" {
		u, err := url.Parse(in.TrailerURL)
		e.Check(err == nil && u.Scheme == "https" && u.Host != "", "trailer_url", i18n.Msg("Enter an https:// link to the trailer."))
	}
	for _, c := range append(slices.Clone(in.Cast), in.Crew...) {
		e.Check(strings.TrimSpace(c.Name) != "" && len(c.Name) <= 120, "credits", i18n.Msg("Every cast and crew line needs a name (up to 120 characters)."))
	}
	return e.Err()
}

// CreateMovie adds a movie with its credits and returns it.
// Errors: ErrInvalid.
func (s *Service) CreateMovie(ctx context.Context, in MovieInput) (Movie, error) {
	if err := in.Validate(s.certs); err != nil {
		return Movie{}, err
	}
	var id int64
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		slug, err := s.uniqueSlug(ctx, tx, in.Title, in.ReleaseDate, s.q.MovieSlugExists)
		if err != nil {
			return err
		}
		palette := in.PosterPalette
		if len(palette) != 2 {
			palette = []string{"#1a1822", "#f5b82e"}
		}
		row, err := s.q.MovieInsert(ctx, tx, catalogdb.MovieInsertParams{
			Slug: slug, Title: strings.TrimSpace(in.Title), Tagline: in.Tagline, Synopsis: in.Synopsis,
			RuntimeMinutes: int32(in.RuntimeMinutes), ReleaseDate: in.ReleaseDate, Certification: in.Certification,
			OriginalLanguage: in.OriginalLanguage, DubbedLanguages: nonNil(in.DubbedLanguages),
			SubtitleLanguages: nonNil(in.SubtitleLanguages), Genres: in.Genres, Formats: in.Formats,
			Status: string(in.Status), PosterPalette: palette, TrailerUrl: in.TrailerURL,
		})
		if err != nil {
			return fmt.Errorf("insert movie: %w", err)
		}
		id = row.ID
		if err := s.writeCredits(ctx, tx, id, in.Cast, in.Crew); err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: MovieSaved, MovieID: id, Created: true, NewStatus: in.Status})
	})
	if err != nil {
		return Movie{}, fmt.Errorf("create movie %q: %w", in.Title, err)
	}
	return s.Movie(ctx, id)
}

// UpdateMovie replaces a movie's details and credits. Its slug stays, so
// links keep working. Errors: ErrNotFound, ErrInvalid.
func (s *Service) UpdateMovie(ctx context.Context, id int64, in MovieInput) (Movie, error) {
	if err := in.Validate(s.certs); err != nil {
		return Movie{}, err
	}
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		before, err := s.q.MovieGet(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("read movie: %w", err)
		}
		_, err = s.q.MovieUpdate(ctx, tx, catalogdb.MovieUpdateParams{
			ID: id, Title: strings.TrimSpace(in.Title), Tagline: in.Tagline, Synopsis: in.Synopsis,
			RuntimeMinutes: int32(in.RuntimeMinutes), ReleaseDate: in.ReleaseDate, Certification: in.Certification,
			OriginalLanguage: in.OriginalLanguage, DubbedLanguages: nonNil(in.DubbedLanguages),
			SubtitleLanguages: nonNil(in.SubtitleLanguages), Genres: in.Genres, Formats: in.Formats,
			Status: string(in.Status), TrailerUrl: in.TrailerURL,
		})
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("update movie: %w", err)
		}
		if err := s.writeCredits(ctx, tx, id, in.Cast, in.Crew); err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: MovieSaved, MovieID: id,
			OldStatus: MovieStatus(before.Status), NewStatus: in.Status})
	})
	if err != nil {
		return Movie{}, fmt.Errorf("update movie %d: %w", id, err)
	}
	return s.Movie(ctx, id)
}

// SetMovieStatus moves a movie to status (e.g. archives it).
// Errors: ErrNotFound, ErrInvalid.
func (s *Service) SetMovieStatus(ctx context.Context, id int64, status MovieStatus) error {
	if status != ComingSoon && status != NowShowing && status != Archived {
		return validate.Errors{"status": i18n.Msg("Choose a status.")}
	}
	m, err := s.Movie(ctx, id)
	if err != nil {
		return err
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.MovieSetStatus(ctx, tx, catalogdb.MovieSetStatusParams{ID: id, Status: string(status)}); err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: MovieSaved, MovieID: id, OldStatus: m.Status, NewStatus: status})
	})
	if err != nil {
		return fmt.Errorf("set status of movie %d: %w", id, err)
	}
	return nil
}

func (s *Service) writeCredits(ctx context.Context, tx pgx.Tx, movieID int64, cast, crew []Credit) error {
	if err := s.q.CreditDeleteForMovie(ctx, tx, movieID); err != nil {
		return fmt.Errorf("clear credits: %w", err)
	}
	for kind, list := range map[string][]Credit{"cast": cast, "crew": crew} {
		for i, c := range list {
			pid, err := s.q.PersonUpsert(ctx, tx, strings.TrimSpace(c.Name))
			if err != nil {
				return fmt.Errorf("save person %q: %w", c.Name, err)
			}
			if err := s.q.CreditInsert(ctx, tx, catalogdb.CreditInsertParams{
				MovieID: movieID, PersonID: pid, Position: int32(i), Kind: kind, Role: strings.TrimSpace(c.Role),
			}); err != nil {
				return fmt.Errorf("save credit: %w", err)
			}
		}
	}
	return nil
}

// Movie returns a movie with its credits. Errors: ErrNotFound.
func (s *Service) Movie(ctx context.Context, id int64) (Movie, error) {
	row, err := s.q.MovieGet(ctx, s.pool, id)
	return s.withCredits(ctx, s.pool, row, err, fmt.Sprint(id))
}

// MovieBySlug returns a movie with its credits, as its public page shows
// it (from the read pool, which may lag a little). Errors: ErrNotFound.
func (s *Service) MovieBySlug(ctx context.Context, slug string) (Movie, error) {
	row, err := s.q.MovieGetBySlug(ctx, s.read, slug)
	return s.withCredits(ctx, s.read, row, err, slug)
}

func (s *Service) withCredits(ctx context.Context, db catalogdb.DBTX, row catalogdb.CatalogMovie, err error, key string) (Movie, error) {
	if errors.Is(err, pgx.ErrNoRows) {
		return Movie{}, fmt.Errorf("movie %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return Movie{}, fmt.Errorf("get movie %s: %w", key, err)
	}
	m := movieFromRow(row)
	credits, err := s.q.CreditListForMovie(ctx, db, m.ID)
	if err != nil {
		return Movie{}, fmt.Errorf("credits of movie %s: %w", key, err)
	}
	for _, c := range credits {
		cr := Credit{PersonID: c.PersonID, Name: c.Name, Role: c.Role}
		if c.Kind == "cast" {
			m.Cast = append(m.Cast, cr)
		} else {
			m.Crew = append(m.Crew, cr)
		}
	}
	return m, nil
}

// MovieFilter narrows the admin movie list.
type MovieFilter struct {
	Status MovieStatus // "" for all
	Query  string      // title contains
	Page   int         // from 1
}

// MoviePageSize is how many movies an admin list page shows.
const MoviePageSize = 50

// Movies lists movies for the admin, newest release first, and the total
// matching count.
func (s *Service) Movies(ctx context.Context, f MovieFilter) ([]Movie, int, error) {
	var status, query *string
	if f.Status != "" {
		st := string(f.Status)
		status = &st
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		query = &q
	}
	page := max(f.Page, 1)
	rows, err := s.q.MovieListAdmin(ctx, s.pool, catalogdb.MovieListAdminParams{
		Status: status, Query: query, Lim: MoviePageSize, Off: int32((page - 1) * MoviePageSize),
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list movies: %w", err)
	}
	n, err := s.q.MovieCountAdmin(ctx, s.pool, catalogdb.MovieCountAdminParams{Status: status, Query: query})
	if err != nil {
		return nil, 0, fmt.Errorf("count movies: %w", err)
	}
	out := make([]Movie, len(rows))
	for i, r := range rows {
		out[i] = movieFromRow(r)
	}
	return out, int(n), nil
}

// MoviesByIDs returns the movies with the given ids, in no particular order
// (for other modules that hold movie ids).
func (s *Service) MoviesByIDs(ctx context.Context, ids []int64) ([]Movie, error) {
	rows, err := s.q.MovieListByIDs(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("movies by id: %w", err)
	}
	out := make([]Movie, len(rows))
	for i, r := range rows {
		out[i] = movieFromRow(r)
	}
	return out, nil
}

func movieFromRow(r catalogdb.CatalogMovie) Movie {
	return Movie{
		ID: r.ID, Slug: r.Slug, Title: r.Title, Tagline: r.Tagline, Synopsis: r.Synopsis,
		RuntimeMinutes: int(r.RuntimeMinutes), ReleaseDate: r.ReleaseDate, Certification: r.Certification,
		OriginalLanguage: r.OriginalLanguage, DubbedLanguages: r.DubbedLanguages,
		SubtitleLanguages: r.SubtitleLanguages, Genres: r.Genres, Formats: r.Formats,
		Status: MovieStatus(r.Status), PosterImageID: r.PosterImageID, PosterPalette: r.PosterPalette,
		TrailerURL: r.TrailerUrl, Rating: r.Rating, RatingCount: int(r.RatingCount), Popularity: int(r.Popularity),
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
