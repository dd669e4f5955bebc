package apidoc

import "strings"

// block is a paragraph or a list of a description.
type block struct {
	list  bool
	items [][]span // one item for a paragraph
}

// span is text, or `code` between backticks.
type span struct {
	text string
	code bool
}

// blocks reads the little Markdown the document's descriptions use:
// paragraphs split by blank lines, "- " list items (continued on indented
// lines), `code` and **bold** (shown plain).
func blocks(text string) []block {
	var out []block
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, block{items: [][]span{spans(strings.Join(para, " "))}})
			para = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "- "):
			flush()
			if len(out) == 0 || !out[len(out)-1].list {
				out = append(out, block{list: true})
			}
			b := &out[len(out)-1]
			b.items = append(b.items, spans(strings.TrimPrefix(trimmed, "- ")))
		case len(out) > 0 && out[len(out)-1].list && len(para) == 0 && strings.HasPrefix(line, " "):
			b := &out[len(out)-1]
			last := &b.items[len(b.items)-1]
			*last = append(*last, span{text: " "})
			*last = append(*last, spans(trimmed)...)
		default:
			para = append(para, trimmed)
		}
	}
	flush()
	return out
}

func spans(s string) []span {
	s = strings.ReplaceAll(s, "**", "")
	var out []span
	for i, part := range strings.Split(s, "`") {
		if part != "" {
			out = append(out, span{text: part, code: i%2 == 1})
		}
	}
	return out
}
