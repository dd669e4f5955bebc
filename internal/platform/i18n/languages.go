package i18n

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// languageNamers name languages in each supported language but English,
// whose names are the stored ones.
var languageNamers = map[string]display.Namer{
	"hi": display.Hindi.Languages(),
	"es": display.Spanish.Languages(),
}

// languageBases maps lower-case English language names ("korean") to their
// ISO 639 codes, for every language with a two-letter code: a movie's
// languages are stored as staff type them, in English. It is built once at
// start-up and only read.
var languageBases = englishLanguageNames()

func englishLanguageNames() map[string]language.Base {
	en := display.English.Languages()
	m := make(map[string]language.Base, 200)
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			base, err := language.ParseBase(string([]rune{a, b}))
			if err != nil {
				continue
			}
			if name := en.Name(base); name != "" {
				m[strings.ToLower(name)] = base
			}
		}
	}
	return m
}

// LanguageName names a language, stored by its English name ("Korean"),
// in ctx's language as a label on its own: "कोरियाई", "Coreano" (CLDR
// capitalises Spanish language names in lists and menus). English, and a
// name CLDR does not know, show the name as stored.
func LanguageName(ctx context.Context, name string) string {
	return capitalise(LanguageNameInText(ctx, name))
}

// LanguageNameInText is LanguageName for use inside a sentence, where
// Spanish writes language names in lower case ("Subtítulos en coreano").
func LanguageNameInText(ctx context.Context, name string) string {
	namer, ok := languageNamers[Lang(ctx)]
	if !ok {
		return name
	}
	base, ok := languageBases[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return name
	}
	if s := namer.Name(base); s != "" {
		return s
	}
	return name
}

// LanguageNames is LanguageName for each of names, in order, in a new
// slice.
func LanguageNames(ctx context.Context, names []string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = LanguageName(ctx, n)
	}
	return out
}

func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
