package booking

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sync"
)

// Pass colours: the site's night background and marquee-bulb gold.
var (
	passNight = color.RGBA{R: 0x14, G: 0x12, B: 0x1a, A: 0xff}
	passGold  = color.RGBA{R: 0xf5, G: 0xb8, B: 0x2e, A: 0xff}
)

// passImageSizes are the images a pass carries: PassKit requires the
// icon (lock screen, notifications); the logo heads the pass.
var passImageSizes = []struct {
	name string
	w, h int
}{
	{"icon.png", 29, 29}, {"icon@2x.png", 58, 58}, {"icon@3x.png", 87, 87},
	{"logo.png", 50, 50}, {"logo@2x.png", 100, 100},
}

// passImagePNGs draws every image once per process: they never change.
var passImagePNGs = sync.OnceValues(func() (map[string][]byte, error) {
	out := make(map[string][]byte, len(passImageSizes))
	for _, s := range passImageSizes {
		var buf bytes.Buffer
		if err := png.Encode(&buf, ticketGlyph(s.w, s.h)); err != nil {
			return nil, fmt.Errorf("draw %s: %w", s.name, err)
		}
		out[s.name] = buf.Bytes()
	}
	return out, nil
})

// passImages adds the pass's images to files.
func passImages(files map[string][]byte) error {
	imgs, err := passImagePNGs()
	if err != nil {
		return err
	}
	for n, b := range imgs {
		files[n] = b
	}
	return nil
}

// ticketGlyph is a gold ticket with a notch in each side, on the night
// background: the site's mark, drawn without fonts.
func ticketGlyph(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	pad, notch := w/6, w/8
	midY := h / 2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := passNight
			inside := x >= pad && x < w-pad && y >= h/4 && y < h-h/4
			dl, dr := x-pad, (w-pad-1)-x
			inNotch := (dl*dl+(y-midY)*(y-midY) < notch*notch) || (dr*dr+(y-midY)*(y-midY) < notch*notch)
			if inside && !inNotch {
				c = passGold
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}
