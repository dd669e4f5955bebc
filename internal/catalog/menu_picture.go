package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"net/http"

	"github.com/jackc/pgx/v5"
	"golang.org/x/image/draw"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// menuPictureSide is the largest side of a stored menu picture.
const menuPictureSide = 480

// SetMenuPicture stores an uploaded picture for a menu item. Like a
// poster, the bytes must really be a JPEG, PNG or WebP image (sniffed and
// decoded, whatever the file name says) of at most MaxPosterBytes; it
// must be at least 200x200 pixels. What is stored is the decoded image
// drawn anew (at most 480 pixels a side) and encoded as a JPEG, so no
// bytes of the upload itself are ever served. Errors: validate.Errors
// under "picture", ErrNotFound.
func (s *Service) SetMenuPicture(ctx context.Context, itemID int64, data []byte) error {
	if len(data) == 0 || len(data) > MaxPosterBytes {
		return validate.Errors{"picture": i18n.Msg("Upload an image of at most 5 MB.")}
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" && ct != "image/webp" {
		return validate.Errors{"picture": i18n.Msg("Upload a JPEG, PNG or WebP image.")}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width > 10000 || cfg.Height > 10000 {
		return validate.Errors{"picture": i18n.Msg("That file is not a readable image.")}
	}
	if cfg.Width < 200 || cfg.Height < 200 {
		return validate.Errors{"picture": i18n.Msg("Pictures must be at least 200x200 pixels.")}
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return validate.Errors{"picture": i18n.Msg("That file is not a readable image.")}
	}
	out, err := reencodePicture(src)
	if err != nil {
		return err
	}
	if _, err := s.MenuItem(ctx, itemID); err != nil {
		return err
	}
	sum := sha256.Sum256(out)
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		id, err := s.q.ImageInsert(ctx, tx, catalogdb.ImageInsertParams{ContentType: "image/jpeg", Data: out, Sha256: hex.EncodeToString(sum[:])})
		if err != nil {
			return fmt.Errorf("store menu picture: %w", err)
		}
		if err := s.q.MenuItemSetPicture(ctx, tx, catalogdb.MenuItemSetPictureParams{ID: itemID, PictureImageID: &id}); err != nil {
			return fmt.Errorf("set picture of menu item %d: %w", itemID, err)
		}
		return nil
	})
}

// reencodePicture draws src at most menuPictureSide a side on a white
// canvas (transparent PNGs stay readable) and encodes it as a JPEG.
func reencodePicture(src image.Image) ([]byte, error) {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > menuPictureSide || h > menuPictureSide {
		if w >= h {
			w, h = menuPictureSide, h*menuPictureSide/w
		} else {
			w, h = w*menuPictureSide/h, menuPictureSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85}); err != nil {
		return nil, fmt.Errorf("encode menu picture: %w", err)
	}
	return buf.Bytes(), nil
}
