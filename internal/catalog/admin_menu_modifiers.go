package catalog

import (
	"strconv"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// parseModifierLines reads the option groups of the menu form, one a
// line: "Flavour 1-1: Salted, Sweet=0.30, Mixed" (pick exactly one) or
// "Extras 0-2: Extra butter=0.50, Caramel drizzle=0.75" (up to two).
func parseModifierLines(text string, errs *validate.Errors) []MenuModifierGroup {
	var out []MenuModifierGroup
	bad := func() {
		errs.Add("modifiers", i18n.Msg("Write each option group as Name min-max: Option=price, Option on its own line (up to 6 groups of up to 10 options, different names)."))
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		head, opts, ok := strings.Cut(line, ":")
		sp := strings.LastIndex(strings.TrimSpace(head), " ")
		if !ok || sp < 0 {
			bad()
			return nil
		}
		head = strings.TrimSpace(head)
		lo, hi, ok := strings.Cut(head[sp+1:], "-")
		least, err1 := strconv.Atoi(lo)
		most, err2 := strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil {
			bad()
			return nil
		}
		g := MenuModifierGroup{Name: strings.TrimSpace(head[:sp]), Min: least, Max: most}
		for _, o := range strings.Split(opts, ",") {
			name, price, priced := strings.Cut(strings.TrimSpace(o), "=")
			opt := MenuModOption{Name: strings.TrimSpace(name)}
			if priced {
				var perr validate.Errors
				p := parseAmount(strings.TrimSpace(price), "modifiers", &perr)
				if p == nil || len(perr) > 0 {
					bad()
					return nil
				}
				opt.Price = *p
			}
			g.Options = append(g.Options, opt)
		}
		out = append(out, g)
	}
	return out
}

// modifierLines writes groups as the form's text.
func modifierLines(groups []MenuModifierGroup) string {
	var b strings.Builder
	for _, g := range groups {
		b.WriteString(g.Name + " " + strconv.Itoa(g.Min) + "-" + strconv.Itoa(g.Max) + ": ")
		for i, o := range g.Options {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(o.Name)
			if o.Price != 0 {
				b.WriteString("=" + formatAmount(&o.Price))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
