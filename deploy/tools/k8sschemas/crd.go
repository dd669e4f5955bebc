package main

import (
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

// crd is the part of a CustomResourceDefinition that holds its schemas.
type crd struct {
	Spec struct {
		Group string `json:"group"`
		Names struct {
			Kind string `json:"kind"`
		} `json:"names"`
		Versions []struct {
			Name   string `json:"name"`
			Schema struct {
				OpenAPIV3Schema map[string]any `json:"openAPIV3Schema"`
			} `json:"schema"`
		} `json:"versions"`
	} `json:"spec"`
}

// crdSchemas returns the strict schema of every version of the CRD at path,
// keyed by file name.
func crdSchemas(path string) (map[string]map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var c crd
	if err := yaml.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	out := map[string]map[string]any{}
	for _, v := range c.Spec.Versions {
		if v.Schema.OpenAPIV3Schema == nil {
			return nil, fmt.Errorf("%s: version %s has no openAPIV3Schema", path, v.Name)
		}
		k := gvk{c.Spec.Group, v.Name, c.Spec.Names.Kind}
		out[k.fileName()] = strict(v.Schema.OpenAPIV3Schema).(map[string]any)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no versions", path)
	}
	return out, nil
}
