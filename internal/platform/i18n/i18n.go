// Package i18n translates Marquee's pages, emails and texts into the
// languages it supports, and formats dates, numbers and money for them.
//
// The English text is the message id (as in gettext), so a template reads
// naturally and falls back to English: { i18n.T(ctx, "Popular near you") }.
// Catalogues are TOML files embedded from locales/, one per area and
// language (booking.hi.toml); plural rules are CLDR's, through go-i18n.
package i18n

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// Languages Marquee speaks, English first (the source language).
var Languages = []Language{
	{Code: "en", Name: "English"},
	{Code: "hi", Name: "हिन्दी"},
	{Code: "es", Name: "Español"},
}

// Language is one supported language, named in itself.
type Language struct {
	Code string
	Name string
}

// Supported reports whether code is one of Languages.
func Supported(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

//go:embed locales/*.toml
var localeFiles embed.FS

// bundle holds every catalogue; it is built once at start-up and only read.
var bundle = mustLoad(localeFiles)

// localizers has one localizer per supported language.
var localizers = newLocalizers(bundle)

func newLocalizers(b *goi18n.Bundle) map[string]*goi18n.Localizer {
	m := make(map[string]*goi18n.Localizer, len(Languages))
	for _, l := range Languages {
		m[l.Code] = goi18n.NewLocalizer(b, l.Code)
	}
	return m
}

// mustLoad reads every catalogue in fsys. The files are in the binary, so a
// broken one is a programming error caught by the package's tests.
func mustLoad(fsys fs.FS) *goi18n.Bundle {
	b, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return b
}

// load builds a bundle from locales/<area>.<lang>.toml files. It parses the
// TOML itself, so English ids that happen to read like go-i18n's reserved
// keys ("Other", "Description") are still plain messages.
func load(fsys fs.FS) (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.English)
	files, err := fs.Glob(fsys, "locales/*.toml")
	if err != nil {
		return nil, fmt.Errorf("i18n: list catalogues: %w", err)
	}
	for _, name := range files {
		msgs, tag, err := parseFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if err := b.AddMessages(tag, msgs...); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
	}
	return b, nil
}

// parseFile reads one catalogue: "id" = "text" for plain messages, and
// ["id"] tables with CLDR plural forms (one, few, many, other, ...).
func parseFile(fsys fs.FS, name string) ([]*goi18n.Message, language.Tag, error) {
	parts := strings.Split(strings.TrimSuffix(path.Base(name), ".toml"), ".")
	if len(parts) != 2 || !Supported(parts[1]) {
		return nil, language.Und, fmt.Errorf("i18n: %s: name it <area>.<lang>.toml with a supported language", name)
	}
	raw := map[string]any{}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, language.Und, fmt.Errorf("i18n: read %s: %w", name, err)
	}
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, language.Und, fmt.Errorf("i18n: parse %s: %w", name, err)
	}
	msgs := make([]*goi18n.Message, 0, len(raw))
	for id, v := range raw {
		switch v := v.(type) {
		case string:
			msgs = append(msgs, &goi18n.Message{ID: id, Other: v})
		case map[string]any:
			m, err := goi18n.NewMessage(v)
			if err != nil {
				return nil, language.Und, fmt.Errorf("i18n: %s: %q: %w", name, id, err)
			}
			m.ID = id
			msgs = append(msgs, m)
		default:
			return nil, language.Und, fmt.Errorf("i18n: %s: %q: want a string or a table of plural forms", name, id)
		}
	}
	return msgs, language.Make(parts[1]), nil
}

type langKey struct{}

// WithLang returns ctx that renders in lang, whatever the request asked:
// for emails, texts and jobs rendered for someone else. An unsupported
// lang leaves ctx as it is.
func WithLang(ctx context.Context, lang string) context.Context {
	if !Supported(lang) {
		return ctx
	}
	return context.WithValue(ctx, langKey{}, lang)
}

// Lang is the language to render in: WithLang's, else the signed-in
// account's choice, else the visitor's (switcher cookie or
// Accept-Language), else English.
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	r := webctx.From(ctx)
	if r.User != nil && Supported(r.User.Lang) {
		return r.User.Lang
	}
	if Supported(r.Lang) {
		return r.Lang
	}
	return "en"
}

// Msg marks s, a Go string shown to people later (a validation error, a
// flash), for the catalogues, and returns it unchanged. Render it with T.
func Msg(s string) string { return s }

// T translates id (its English text) into ctx's language, filling
// {{.Name}} placeholders from kv, given as name, value pairs. A missing
// translation falls back to English; the package's tests make sure none is
// missing.
func T(ctx context.Context, id string, kv ...any) string {
	return localize(ctx, id, nil, kv)
}

// N is T for a message with plural forms, chosen by count, which also
// fills {{.Count}}.
func N(ctx context.Context, id string, count int, kv ...any) string {
	return localize(ctx, id, count, append(kv, "Count", Number(ctx, int64(count))))
}

func localize(ctx context.Context, id string, count any, kv []any) string {
	var data map[string]any
	if len(kv) > 0 {
		data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				data[k] = kv[i+1]
			}
		}
	}
	// A message missing from the language's catalogue falls back to the
	// English one, and one in no catalogue (English has only the plural
	// messages) to its id, which is the English text.
	cfg := &goi18n.LocalizeConfig{TemplateData: data, PluralCount: count,
		DefaultMessage: &goi18n.Message{ID: id, Other: id}}
	s, err := localizers[Lang(ctx)].Localize(cfg)
	if err != nil && s == "" {
		return id
	}
	return s
}
