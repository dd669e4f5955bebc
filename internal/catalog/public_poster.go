package catalog

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Poster geometry (SVG user units, 2:3 like a one-sheet).
const (
	posterW       = 400
	posterH       = 600
	posterTextMax = 340 // widest a title line may be
)

var hexColour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// posterArt is what a drawn poster shows.
type posterArt struct {
	Seed          string // the slug: picks the motif and the stars
	Title         string
	Certification string
	Year          int
	Director      string
	Palette       []string // background, accent
}

// drawPoster draws a one-sheet poster: a gradient from the movie's palette,
// one of three motifs, the title set large and wrapped, and a billing block
// with the certification and year. Every text is XML-escaped and colours
// are used only when they are plain #rrggbb.
func drawPoster(a posterArt) []byte {
	bg, accent := "#1a1822", "#f5b82e"
	if len(a.Palette) == 2 && hexColour.MatchString(a.Palette[0]) && hexColour.MatchString(a.Palette[1]) {
		bg, accent = a.Palette[0], a.Palette[1]
	}
	h := fnv.New64a()
	h.Write([]byte(a.Seed))
	seed := h.Sum64()
	rng := rand.New(rand.NewPCG(seed, seed>>7))

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		posterW, posterH, posterW, posterH, posterEsc(a.Title))
	fmt.Fprintf(&b, `<defs>`+
		`<linearGradient id="bg" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient>`+
		`<radialGradient id="glow" cx="50%%" cy="38%%" r="65%%"><stop offset="0" stop-color="%s" stop-opacity=".5"/><stop offset="1" stop-color="%s" stop-opacity="0"/></radialGradient>`+
		`<linearGradient id="acc" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient>`+
		`<linearGradient id="fade" x1="0" y1="0" x2="0" y2="1"><stop offset=".42" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".88"/></linearGradient>`+
		`<filter id="shadow" x="-10%%" y="-30%%" width="120%%" height="160%%"><feDropShadow dx="0" dy="2" stdDeviation="5" flood-color="#000" flood-opacity=".7"/></filter>`+
		`</defs>`, posterMix(bg, "#ffffff", .14), posterMix(bg, "#000000", .6), accent, accent, posterMix(accent, "#ffffff", .35), accent)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="url(#bg)"/><rect width="%d" height="%d" fill="url(#glow)"/>`, posterW, posterH, posterW, posterH)
	posterStars(&b, rng)
	switch seed % 3 {
	case 0: // a setting sun cut by bands
		b.WriteString(`<circle cx="200" cy="250" r="168" fill="none" stroke="url(#acc)" stroke-opacity=".25" stroke-width="1.5"/>`)
		b.WriteString(`<clipPath id="sun"><circle cx="200" cy="250" r="124"/></clipPath>`)
		b.WriteString(`<circle cx="200" cy="250" r="124" fill="url(#acc)"/><g clip-path="url(#sun)">`)
		for i, y := 0, 262.0; i < 6; i++ {
			gap := 3 + float64(i)*2.2
			fmt.Fprintf(&b, `<rect x="60" y="%.1f" width="280" height="%.1f" fill="%s"/>`, y, gap, posterMix(bg, "#000000", .3))
			y += gap + 12
		}
		b.WriteString(`</g>`)
	case 1: // searchlight beams
		for i := 0; i < 5; i++ {
			top := -60 + float64(i)*130 + rng.Float64()*30
			fmt.Fprintf(&b, `<polygon points="200,640 %.0f,-10 %.0f,-10" fill="%s" fill-opacity="%.2f"/>`,
				top, top+46, accent, .07+.04*float64(i%3))
		}
		b.WriteString(`<circle cx="200" cy="230" r="54" fill="url(#acc)" fill-opacity=".9"/>`)
		b.WriteString(`<circle cx="200" cy="230" r="86" fill="none" stroke="url(#acc)" stroke-opacity=".35" stroke-width="2"/>`)
	default: // an eclipse
		b.WriteString(`<circle cx="200" cy="240" r="132" fill="url(#acc)"/>`)
		fmt.Fprintf(&b, `<circle cx="238" cy="214" r="122" fill="%s"/>`, posterMix(bg, "#000000", .25))
		for _, r := range []int{160, 190, 226} {
			fmt.Fprintf(&b, `<circle cx="200" cy="240" r="%d" fill="none" stroke="%s" stroke-opacity=".18"/>`, r, accent)
		}
	}
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="url(#fade)"/>`, posterW, posterH)
	const sans = `font-family="'Bebas Neue','Oswald','Arial Narrow','Helvetica Neue',Arial,sans-serif"`
	fmt.Fprintf(&b, `<text x="200" y="46" text-anchor="middle" %s font-size="12" font-weight="700" letter-spacing="4" fill="#ffffff" fill-opacity=".78">A MARQUEE PRESENTATION</text>`, sans)
	posterTitle(&b, a.Title, sans)
	fmt.Fprintf(&b, `<rect x="170" y="490" width="60" height="2" fill="%s"/>`, accent)
	certW := 14 + 9*utf8.RuneCountInString(a.Certification)
	year := strconv.Itoa(a.Year)
	rowW := certW + 12 + 9*len(year)
	x := (posterW - rowW) / 2
	fmt.Fprintf(&b, `<rect x="%d" y="506" width="%d" height="24" rx="3" fill="none" stroke="#ffffff" stroke-opacity=".85" stroke-width="1.5"/>`, x, certW)
	fmt.Fprintf(&b, `<text x="%d" y="523" text-anchor="middle" %s font-size="14" font-weight="700" fill="#ffffff">%s</text>`, x+certW/2, sans, posterEsc(a.Certification))
	fmt.Fprintf(&b, `<text x="%d" y="523" %s font-size="15" font-weight="700" letter-spacing="1" fill="#ffffff" fill-opacity=".85">%s</text>`, x+certW+12, sans, year)
	credits := "MARQUEE PICTURES PRESENTS · A FILM"
	if a.Director != "" {
		credits += " BY " + strings.ToUpper(a.Director)
	}
	fmt.Fprintf(&b, `<text x="200" y="558" text-anchor="middle" %s font-size="8" letter-spacing="1"%s fill="#ffffff" fill-opacity=".55">%s</text>`,
		sans, fitTo(credits, 8, 0.62, 320), posterEsc(credits))
	fmt.Fprintf(&b, `<text x="200" y="571" text-anchor="middle" %s font-size="7" letter-spacing=".5" textLength="300" lengthAdjust="spacingAndGlyphs" fill="#ffffff" fill-opacity=".35">MUSIC · PRODUCTION DESIGN · EDITOR · CINEMATOGRAPHY · CASTING</text>`, sans)
	fmt.Fprintf(&b, `<text x="200" y="585" text-anchor="middle" %s font-size="8" font-weight="700" letter-spacing="3" fill="%s" fill-opacity=".8">ONLY IN CINEMAS</text>`, sans, accent)
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// posterTitle sets the title in capitals, as large as fits in at most three
// lines (four at the smallest size), bottom-aligned above the rule.
func posterTitle(b *bytes.Buffer, title, font string) {
	words := strings.Fields(strings.ToUpper(title))
	var lines []string
	size := 0.0
	for _, s := range []float64{68, 60, 52, 46, 40, 34, 30, 26} {
		size = s
		lines = posterWrap(words, int(posterTextMax/(s*titleEm)))
		if len(lines) <= 3 || (s == 26 && len(lines) <= 4) {
			break
		}
	}
	if len(lines) > 4 {
		lines = append(lines[:3], strings.Join(lines[3:], " "))
	}
	lead := size * 0.98
	y := 472 - lead*float64(len(lines)-1)
	b.WriteString(`<g filter="url(#shadow)">`)
	defer b.WriteString(`</g>`)
	for _, l := range lines {
		fmt.Fprintf(b, `<text x="200" y="%.1f" text-anchor="middle" %s font-size="%.0f" font-weight="800"%s fill="#ffffff">%s</text>`,
			y, font, size, fitTo(l, size, titleEm, posterTextMax), posterEsc(l))
		y += lead
	}
}

// titleEm is the advance of a capital in the title face, in ems: the
// width a line is set to, whatever font the viewer has.
const titleEm = 0.6

// fitTo sets a line's rendered width to its width in a face whose capitals
// advance em ems, capped at max, so no font can push it off the poster.
func fitTo(line string, size, em float64, max int) string {
	w := math.Min(float64(utf8.RuneCountInString(line))*size*em, float64(max))
	return fmt.Sprintf(` textLength="%.0f" lengthAdjust="spacingAndGlyphs"`, w)
}

// posterWrap fills lines of at most width characters, greedily; a longer
// word gets a line of its own.
func posterWrap(words []string, width int) []string {
	var lines []string
	cur := ""
	for _, w := range words {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// posterStars scatters a few faint points of light in the top half.
func posterStars(b *bytes.Buffer, rng *rand.Rand) {
	for i := 0; i < 28; i++ {
		fmt.Fprintf(b, `<circle cx="%.0f" cy="%.0f" r="%.1f" fill="#ffffff" fill-opacity="%.2f"/>`,
			rng.Float64()*posterW, rng.Float64()*330, .4+rng.Float64()*1.1, .15+rng.Float64()*.5)
	}
}

// posterMix blends two #rrggbb colours: t=0 is a, t=1 is b.
func posterMix(a, b string, t float64) string {
	pa, pb := posterHex(a), posterHex(b)
	var out [3]int
	for i := range out {
		out[i] = int(float64(pa[i])*(1-t) + float64(pb[i])*t + .5)
	}
	return fmt.Sprintf("#%02x%02x%02x", out[0], out[1], out[2])
}

func posterHex(s string) [3]int {
	v, _ := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	return [3]int{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// posterEsc escapes text for XML content and attributes, dropping control
// characters XML cannot carry.
func posterEsc(s string) string {
	return html.EscapeString(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, s))
}
