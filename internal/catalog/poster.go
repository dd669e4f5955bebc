package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // decode uploaded JPEG posters
	_ "image/png"  // decode uploaded PNG posters
	"net/http"

	"github.com/jackc/pgx/v5"
	_ "golang.org/x/image/webp" // decode uploaded WebP posters

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// MaxPosterBytes bounds an uploaded poster.
const MaxPosterBytes = 5 << 20

// Image is a stored image (a poster).
type Image struct {
	ID          int64
	ContentType string
	Data        []byte
	SHA256      string
}

// SetPoster stores an uploaded poster for the movie. The bytes must really
// be a JPEG, PNG or WebP image (sniffed and decoded, whatever the file name
// says) of at most MaxPosterBytes and at least 200x300 pixels.
// Errors: ErrNotFound, ErrInvalid.
func (s *Service) SetPoster(ctx context.Context, movieID int64, data []byte) error {
	if len(data) == 0 || len(data) > MaxPosterBytes {
		return validate.Errors{"poster": i18n.Msg("Upload an image of at most 5 MB.")}
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" && ct != "image/webp" {
		return validate.Errors{"poster": i18n.Msg("Upload a JPEG, PNG or WebP image.")}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return validate.Errors{"poster": i18n.Msg("That file is not a readable image.")}
	}
	if cfg.Width < 200 || cfg.Height < 300 {
		return validate.Errors{"poster": i18n.Msg("Posters must be at least 200x300 pixels.")}
	}
	m, err := s.Movie(ctx, movieID)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		id, err := s.q.ImageInsert(ctx, tx, catalogdb.ImageInsertParams{ContentType: ct, Data: data, Sha256: hex.EncodeToString(sum[:])})
		if err != nil {
			return fmt.Errorf("store poster: %w", err)
		}
		if err := s.q.MovieSetPoster(ctx, tx, catalogdb.MovieSetPosterParams{ID: movieID, PosterImageID: &id}); err != nil {
			return fmt.Errorf("set poster of movie %d: %w", movieID, err)
		}
		return s.changed(ctx, tx, Change{Kind: MovieSaved, MovieID: movieID, OldStatus: m.Status, NewStatus: m.Status})
	})
}

// Image returns a stored image. Errors: ErrNotFound.
func (s *Service) Image(ctx context.Context, id int64) (Image, error) {
	r, err := s.q.ImageGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Image{}, fmt.Errorf("image %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Image{}, fmt.Errorf("get image %d: %w", id, err)
	}
	return Image{ID: r.ID, ContentType: r.ContentType, Data: r.Data, SHA256: r.Sha256}, nil
}
