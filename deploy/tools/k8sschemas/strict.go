package main

import "strings"

// strict returns a copy of schema in which an object that lists its
// properties accepts no others (a misspelt field fails validation, as with
// kubeconform's own -strict schemas), without descriptions and Kubernetes
// extension keywords, which validation does not read.
func strict(schema any) any {
	switch s := schema.(type) {
	case map[string]any:
		out := make(map[string]any, len(s))
		for k, v := range s {
			if k == "description" || strings.HasPrefix(k, "x-kubernetes-") {
				continue
			}
			switch k {
			case "properties", "definitions", "patternProperties":
				// Maps of names to schemas: a property called
				// "description" is still a property.
				props, _ := v.(map[string]any)
				m := make(map[string]any, len(props))
				for name, p := range props {
					m[name] = strict(p)
				}
				out[k] = m
			default:
				out[k] = strict(v)
			}
		}
		_, hasProps := s["properties"]
		_, hasAdditional := s["additionalProperties"]
		preserve, _ := s["x-kubernetes-preserve-unknown-fields"].(bool)
		if hasProps && !hasAdditional && !preserve {
			out["additionalProperties"] = false
		}
		return out
	case []any:
		out := make([]any, len(s))
		for i, v := range s {
			out[i] = strict(v)
		}
		return out
	}
	return schema
}
