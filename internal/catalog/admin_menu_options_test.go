package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"image"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/authz"
)

func TestAManagerGivesAnItemOptionGroupsAndAPicture(t *testing.T) {
	t.Parallel()
	s := setupScoped(t)
	manager := staffAt(t, s.testBundle, "Mona", authz.TheaterManager, s.alpha.ID, s.a.ID)
	list := fmt.Sprintf("/admin/theaters/%d/menu", s.a.ID)
	ctx := context.Background()

	form := popcornForm()
	form.Set("modifiers", "Flavour 1-1: Salted, Sweet=0.30\nExtras 2-1: Butter")
	res, page := manager.Post(t, list, form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, html.UnescapeString(page), "Write each option group as Name min-max")

	form.Set("modifiers", "Flavour 1-1: Salted, Sweet=0.30, Mixed\nExtras 0-2: Extra butter=0.50, Caramel drizzle=0.75")
	res, _ = manager.Post(t, list, form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	items, err := s.Catalog.TheaterMenu(ctx, s.a.ID)
	require.NoError(t, err)
	require.Len(t, items, 1)
	pop := items[0]
	require.Len(t, pop.Modifiers, 2)
	require.Equal(t, 1, pop.Modifiers[0].Min)
	require.Equal(t, int64(30), pop.Modifiers[0].Options[1].Price)
	require.Equal(t, 2, pop.Modifiers[1].Max)

	edit := fmt.Sprintf("%s/%d/edit", list, pop.ID)
	_, page = manager.Get(t, edit)
	page = html.UnescapeString(page)
	require.Contains(t, page, "Flavour 1-1: Salted, Sweet=0.30, Mixed", "the groups come back as typed")
	require.Contains(t, page, "No picture yet")

	upload := func(data []byte) (*http.Response, string) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		part, err := w.CreateFormFile("picture", "popcorn.png")
		require.NoError(t, err)
		_, err = part.Write(data)
		require.NoError(t, err)
		require.NoError(t, w.Close())
		req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s%s/%d/picture", s.URL, list, pop.ID), &body)
		require.NoError(t, err)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		return manager.Do(t, req)
	}
	res, page = upload([]byte("<svg>not a picture</svg>"))
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Upload a JPEG, PNG or WebP image.")
	res, page = upload(pngOf(t, 120, 120))
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "at least 200x200 pixels")

	res, _ = upload(pngOf(t, 900, 600))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got, err := s.Catalog.MenuItem(ctx, pop.ID)
	require.NoError(t, err)
	require.NotNil(t, got.PictureID)
	img, err := s.Catalog.Image(ctx, *got.PictureID)
	require.NoError(t, err)
	require.Equal(t, "image/jpeg", img.ContentType, "stored re-encoded, never as uploaded")
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img.Data))
	require.NoError(t, err)
	require.Equal(t, []int{480, 320}, []int{cfg.Width, cfg.Height}, "scaled to at most 480 a side")
	_, page = manager.Get(t, edit)
	require.Contains(t, page, fmt.Sprintf(`src="/media/images/%d"`, *got.PictureID))
}
