package i18n

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
)

// repoRoot is the module's root, three levels above this package.
const repoRoot = "../../.."

// call finds i18n.T(, i18n.N( and i18n.Msg( in Go and templ source.
var call = regexp.MustCompile(`\bi18n\.(T|N|Msg)\(`)

// ownCall finds T(, N( and Msg( in this package's own files, which call
// them unqualified (Runtime, Genre).
var ownCall = regexp.MustCompile(`(?:^|[^\w.])(T|N|Msg)\(`)

// usedIDs lists every literal message id in the repository's Go and templ
// source (tests excluded), with where it is used and whether it is plural.
func usedIDs(t *testing.T) map[string]use {
	t.Helper()
	ids := map[string]use{}
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "node_modules" || name == ".git" || name == "tmp" || name == ".data" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, "_test.go") || strings.HasSuffix(p, "_templ.go") ||
			!(strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".templ")) {
			return nil
		}
		src, err := os.ReadFile(p) // #nosec G304 -- the repository's own files
		if err != nil {
			return err
		}
		re := call
		if filepath.Dir(p) == filepath.Join(repoRoot, "internal", "platform", "i18n") {
			re = ownCall
		}
		for _, m := range re.FindAllSubmatchIndex(src, -1) {
			id, ok := firstLiteral(src[m[1]:])
			if !ok {
				continue
			}
			rel, _ := filepath.Rel(repoRoot, p)
			line := 1 + strings.Count(string(src[:m[0]]), "\n")
			u := ids[id]
			u.where = append(u.where, rel+":"+strconv.Itoa(line))
			u.plural = u.plural || string(src[m[2]:m[3]]) == "N"
			ids[id] = u
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

type use struct {
	where  []string
	plural bool
}

// firstLiteral returns the id of a call: the first argument that is a
// string literal on its own (a ctx expression holds none). A call whose id
// is a variable or an expression (p.Errors["body"]) has none.
func firstLiteral(src []byte) (string, bool) {
	depth := 0
	argStart := true // at the start of an argument
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case ' ', '\t', '\n', '\r':
			continue
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				return "", false
			}
			depth--
		case ',':
			if depth == 0 {
				argStart = true
				continue
			}
		case '"', '`':
			end := i + 1
			for end < len(src) && src[end] != c {
				if c == '"' && src[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(src) {
				return "", false
			}
			if depth == 0 && argStart && argEnds(src[end+1:]) {
				s, err := strconv.Unquote(string(src[i : end+1]))
				return s, err == nil
			}
			i = end
		}
		argStart = false
	}
	return "", false
}

// argEnds reports whether src, after a literal, ends the argument.
func argEnds(src []byte) bool {
	for _, c := range src {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case ',', ')':
			return true
		}
		return false
	}
	return false
}

// catalogue reads every file of one language into id -> message (a string
// or a table of plural forms).
func catalogue(t *testing.T, lang string) map[string]any {
	t.Helper()
	all := map[string]any{}
	files, _ := filepath.Glob("locales/*." + lang + ".toml")
	for _, f := range files {
		raw := map[string]any{}
		if _, err := toml.DecodeFile(f, &raw); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for id, v := range raw {
			if prev, dup := all[id]; dup && !reflect.DeepEqual(prev, v) {
				t.Errorf("%s: %q is also in another %s catalogue, translated differently", f, id, lang)
			}
			all[id] = v
		}
	}
	return all
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestEveryMessageIsTranslated fails on any id used in the code that the
// Hindi or Spanish catalogue lacks, any plural id without English forms,
// translations whose placeholders differ from the English, and catalogue
// entries no code uses.
func TestEveryMessageIsTranslated(t *testing.T) {
	used := usedIDs(t)
	en := catalogue(t, "en")
	for _, lang := range []string{"hi", "es"} {
		cat := catalogue(t, lang)
		for id, u := range used {
			msg, ok := cat[id]
			if !ok {
				t.Errorf("%s: no %s translation of %q", u.where[0], lang, id)
				continue
			}
			for _, text := range texts(msg) {
				if got, want := placeholders(text), placeholders(id); !slices.Equal(got, want) {
					t.Errorf("%s: %s translation of %q has placeholders %v, want %v", u.where[0], lang, id, got, want)
				}
			}
		}
		for id := range cat {
			if _, ok := used[id]; !ok {
				t.Errorf("locales/*.%s.toml: %q is used nowhere in the code (remove it)", lang, id)
			}
		}
	}
	for id, u := range used {
		if _, ok := en[id].(map[string]any); u.plural && !ok {
			t.Errorf("%s: plural %q needs its English one/other forms in a locales/*.en.toml", u.where[0], id)
		}
	}
}

func texts(msg any) []string {
	switch m := msg.(type) {
	case string:
		return []string{m}
	case map[string]any:
		var out []string
		for _, v := range m {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// TestTemplatesHaveNoUntranslatedText fails on user-facing literal text in
// any .templ file: text between tags and the attributes people read or
// hear (placeholder, title, alt, aria-label...) must come from i18n.T.
func TestTemplatesHaveNoUntranslatedText(t *testing.T) {
	var files []string
	_ = filepath.WalkDir(filepath.Join(repoRoot, "web", "templates"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".templ") {
			files = append(files, p)
		}
		return err
	})
	if len(files) == 0 {
		t.Fatal("no templates found")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(repoRoot, f)
		if englishOnly[filepath.ToSlash(rel)] {
			continue
		}
		for _, s := range literalText(t, f) {
			t.Errorf("%s:%d: untranslated %q", rel, s.line, s.text)
		}
	}
}

// englishOnly are pages that stay English on purpose, marked lang="en".
var englishOnly = map[string]bool{
	// The API reference renders the OpenAPI document, which is written in
	// English for developers; translating its headings alone would leave a
	// page in two languages.
	"web/templates/apidoc/reference.templ": true,
}

// readable reports whether s holds words a person reads: letters other
// than the names every language writes the same way.
func readable(s string) bool {
	s = strings.Trim(html.UnescapeString(s), " \t\n·–—-:,()|/")
	if s == "" || untranslatable[s] {
		return false
	}
	// Addresses and examples of them read the same in every language.
	if !strings.ContainsRune(s, ' ') && (strings.Contains(s, "://") || strings.Contains(s, "@")) {
		return false
	}
	return strings.ContainsFunc(s, unicode.IsLetter)
}

// untranslatable are literal texts that stay as they are in every language.
var untranslatable = map[string]bool{
	"Marquee": true, "Marquee Admin": true, "English": true, "हिन्दी": true, "Español": true,
	"IMAX": true, "2D": true, "3D": true, "4DX": true, "QR": true, "UPI": true, "Visa": true,
	"Mastercard": true, "Amex": true, "American Express": true, "RuPay": true, "PayPal": true, "Stripe": true,
	"Google": true, "Apple": true, "API": true, "OpenAPI": true, "JSON": true, "CSV": true, "TMS": true,
	"SMS": true, "ID": true, "URL": true, "HTMX": true, "×": true, "·": true, "—": true, "–": true,
}
