// Package api holds Marquee's app API document, api/openapi.yaml (OpenAPI
// 3.1, generated from base.yaml and paths/*.yaml by `make openapi`), built
// into the binary: the server serves it and the contract tests hold every
// /api/v1 request and response to it.
package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed openapi.yaml
var document []byte

// YAML is the document as committed.
func YAML() []byte { return document }

// JSON is the document as JSON, as served at /api/v1/openapi.json
// (converted once).
var JSON = sync.OnceValues(toJSON)

func toJSON() ([]byte, error) {
	var v any
	if err := yaml.Unmarshal(document, &v); err != nil {
		return nil, fmt.Errorf("parse the API document: %w", err)
	}
	b, err := json.MarshalIndent(stringKeys(v), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode the API document as JSON: %w", err)
	}
	return b, nil
}

// stringKeys turns the maps YAML gives for unquoted numeric keys (response
// codes like 200) into the string-keyed maps JSON needs.
func stringKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = stringKeys(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = stringKeys(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = stringKeys(e)
		}
		return x
	}
	return v
}
