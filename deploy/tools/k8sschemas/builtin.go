package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Definitions whose OpenAPI type is a plain string but which Kubernetes
// accepts as numbers too (replicas: 1 or "50%", cpu: 1 or "500m").
var numericStrings = map[string]map[string]any{
	"io.k8s.apimachinery.pkg.util.intstr.IntOrString": {
		"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"}},
	},
	"io.k8s.apimachinery.pkg.api.resource.Quantity": {
		"oneOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "number"}},
	},
}

// builtinSchemas returns one standalone schema per kind, keyed by file name:
// the kind's definition from the swagger document at path, with every
// definition it refers to, directly or not, under "definitions".
func builtinSchemas(path string, kinds []gvk) (map[string]map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var doc struct {
		Definitions map[string]map[string]any `json:"definitions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	for name, def := range numericStrings {
		doc.Definitions[name] = def
	}
	out := make(map[string]map[string]any, len(kinds))
	for _, k := range kinds {
		root, err := findKind(doc.Definitions, k)
		if err != nil {
			return nil, err
		}
		defs := map[string]any{}
		if err := collect(doc.Definitions, root, defs); err != nil {
			return nil, fmt.Errorf("%s: %w", k.kind, err)
		}
		for name, def := range defs {
			defs[name] = strict(def)
		}
		out[k.fileName()] = map[string]any{
			"$ref":        "#/definitions/" + root,
			"definitions": defs,
		}
	}
	return out, nil
}

// findKind returns the name of the definition tagged with k's
// x-kubernetes-group-version-kind.
func findKind(defs map[string]map[string]any, k gvk) (string, error) {
	names := make([]string, 0, len(defs))
	for name := range defs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		tags, _ := defs[name]["x-kubernetes-group-version-kind"].([]any)
		for _, t := range tags {
			tag, _ := t.(map[string]any)
			if tag["group"] == k.group && tag["version"] == k.version && tag["kind"] == k.kind {
				return name, nil
			}
		}
	}
	return "", fmt.Errorf("no definition for %s/%s %s", k.group, k.version, k.kind)
}

// collect adds the definition name and every definition it refers to into seen.
func collect(defs map[string]map[string]any, name string, seen map[string]any) error {
	if _, ok := seen[name]; ok {
		return nil
	}
	def, ok := defs[name]
	if !ok {
		return fmt.Errorf("missing definition %s", name)
	}
	seen[name] = def
	var err error
	walk(def, func(ref string) {
		if err == nil {
			err = collect(defs, strings.TrimPrefix(ref, "#/definitions/"), seen)
		}
	})
	return err
}

// walk calls fn with every $ref under v.
func walk(v any, fn func(ref string)) {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok {
			fn(ref)
		}
		for _, child := range v {
			walk(child, fn)
		}
	case []any:
		for _, child := range v {
			walk(child, fn)
		}
	}
}
