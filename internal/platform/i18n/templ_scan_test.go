package i18n

import (
	"strings"
	"testing"

	parser "github.com/a-h/templ/parser/v2"
	"github.com/a-h/templ/parser/v2/visitor"
)

// spokenAttrs are the attributes whose values people read or hear.
var spokenAttrs = map[string]bool{
	"placeholder": true, "title": true, "alt": true, "aria-label": true,
	"aria-description": true, "aria-roledescription": true, "aria-valuetext": true,
	"label": true, "content": false,
}

type literal struct {
	line int
	text string
}

// literalText parses a templ file and returns its user-facing literals:
// text nodes outside <script> and <style>, and spoken attributes with
// constant values.
func literalText(t *testing.T, file string) []literal {
	t.Helper()
	tf, err := parser.Parse(file)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var out []literal
	v := visitor.New()
	v.Text = func(n *parser.Text) error {
		if readable(n.Value) {
			out = append(out, literal{line: int(n.Range.From.Line) + 1, text: strings.TrimSpace(n.Value)})
		}
		return nil
	}
	v.ConstantAttribute = func(n *parser.ConstantAttribute) error {
		if spokenAttrs[strings.ToLower(n.Key.String())] && readable(n.Value) {
			out = append(out, literal{line: int(n.Range.From.Line) + 1, text: n.Value})
		}
		return nil
	}
	// <script> and <style> bodies are code, not text.
	v.ScriptElement = func(*parser.ScriptElement) error { return nil }
	v.RawElement = func(*parser.RawElement) error { return nil }
	if err := tf.Visit(v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return out
}
