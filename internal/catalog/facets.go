package catalog

import (
	"context"
	"fmt"
)

// Genres lists the genres of the movies that are not archived.
func (s *Service) Genres(ctx context.Context) ([]string, error) {
	g, err := s.q.GenreList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list genres: %w", err)
	}
	return g, nil
}

// Languages lists the languages (original or dubbed) of the movies that are
// not archived.
func (s *Service) Languages(ctx context.Context) ([]string, error) {
	l, err := s.q.LanguageList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list languages: %w", err)
	}
	return l, nil
}
