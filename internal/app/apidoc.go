package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/api"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/web/templates/apidoc"
)

// apiDocRoutes serves the API document as JSON (for generators and the
// apps' developers) and as a reference page people read.
func apiDocRoutes(e *echo.Echo) {
	e.GET("/api/v1/openapi.json", func(c echo.Context) error {
		doc, err := api.JSON()
		if err != nil {
			return err
		}
		return web.CacheableJSON(c, 5*time.Minute, json.RawMessage(doc))
	})
	e.GET("/api/docs", func(c echo.Context) error {
		ref, err := reference()
		if err != nil {
			return err
		}
		return web.Render(c, http.StatusOK, apidoc.Reference(ref))
	})
}

// reference is the reference page's props, built once from the document.
var reference = sync.OnceValues(func() (apidoc.Props, error) {
	doc, err := api.JSON()
	if err != nil {
		return apidoc.Props{}, err
	}
	var tree map[string]any
	if err := json.Unmarshal(doc, &tree); err != nil {
		return apidoc.Props{}, fmt.Errorf("read the API document: %w", err)
	}
	return referenceFrom(tree), nil
})

// referenceFrom turns the document into the reference page's props: the
// operations grouped by tag in the document's tag order, each with its
// parameters, request body and responses flattened into field lists.
func referenceFrom(doc map[string]any) apidoc.Props {
	info := obj(doc["info"])
	p := apidoc.Props{Title: str(info["title"]), Version: str(info["version"]), Description: str(info["description"])}
	r := resolver{components: obj(doc["components"])}
	byTag := map[string]*apidoc.Group{}
	for _, t := range list(doc["tags"]) {
		tag := obj(t)
		p.Groups = append(p.Groups, apidoc.Group{Tag: str(tag["name"]), Description: str(tag["description"])})
	}
	for i := range p.Groups {
		byTag[p.Groups[i].Tag] = &p.Groups[i]
	}
	paths := obj(doc["paths"])
	names := make([]string, 0, len(paths))
	for k := range paths {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, path := range names {
		item := obj(paths[path])
		for _, method := range []string{"get", "post", "put", "patch", "delete"} {
			op := obj(item[method])
			if op == nil {
				continue
			}
			o := r.operation(strings.ToUpper(method), path, op)
			tag := "other"
			if tags := list(op["tags"]); len(tags) > 0 {
				tag = str(tags[0])
			}
			g := byTag[tag]
			if g == nil {
				p.Groups = append(p.Groups, apidoc.Group{Tag: tag})
				g = &p.Groups[len(p.Groups)-1]
				byTag = reindex(p.Groups)
			}
			g.Operations = append(g.Operations, o)
		}
	}
	return p
}

func reindex(groups []apidoc.Group) map[string]*apidoc.Group {
	m := make(map[string]*apidoc.Group, len(groups))
	for i := range groups {
		m[groups[i].Tag] = &groups[i]
	}
	return m
}

type resolver struct{ components map[string]any }

func (r resolver) operation(method, path string, op map[string]any) apidoc.Operation {
	o := apidoc.Operation{Method: method, Path: path, ID: str(op["operationId"]), Summary: str(op["summary"]),
		Description: str(op["description"]), Auth: "public"}
	for _, s := range list(op["security"]) {
		for scheme := range obj(s) {
			o.Auth = scheme
		}
	}
	for _, prm := range list(op["parameters"]) {
		prm := r.deref(obj(prm))
		o.Parameters = append(o.Parameters, apidoc.Field{Name: str(prm["name"]), In: str(prm["in"]),
			Type: r.typeOf(obj(prm["schema"])), Required: prm["required"] == true, Description: str(prm["description"])})
	}
	if body := r.deref(obj(op["requestBody"])); body != nil {
		for ct, media := range obj(body["content"]) {
			o.BodyType = ct
			o.Body = r.fields(obj(obj(media)["schema"]), "", 0)
		}
	}
	res := obj(op["responses"])
	codes := make([]string, 0, len(res))
	for k := range res {
		codes = append(codes, k)
	}
	sort.Strings(codes)
	for _, code := range codes {
		resp := r.deref(obj(res[code]))
		out := apidoc.Response{Status: code, Description: str(resp["description"])}
		for ct, media := range obj(resp["content"]) {
			out.Type = ct
			if ct != "application/problem+json" {
				out.Fields = r.fields(obj(obj(media)["schema"]), "", 0)
			}
		}
		o.Responses = append(o.Responses, out)
	}
	return o
}

// fields flattens a schema into dotted field names, a few levels deep.
func (r resolver) fields(s map[string]any, prefix string, depth int) []apidoc.Field {
	s = r.deref(s)
	if s == nil || depth > 4 {
		return nil
	}
	if items := obj(s["items"]); items != nil && isType(s, "array") {
		return r.fields(items, prefix+"[]", depth+1)
	}
	var out []apidoc.Field
	for _, variant := range append(list(s["oneOf"]), list(s["anyOf"])...) {
		out = append(out, r.fields(obj(variant), prefix, depth+1)...)
	}
	required := map[string]bool{}
	for _, n := range list(s["required"]) {
		required[str(n)] = true
	}
	props := obj(s["properties"])
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		ps := r.deref(obj(props[name]))
		full := name
		if prefix != "" {
			full = prefix + "." + name
		}
		out = append(out, apidoc.Field{Name: full, Type: r.typeOf(ps), Required: required[name], Description: str(ps["description"])})
		out = append(out, r.fields(ps, full, depth+1)...)
	}
	return out
}

func (r resolver) typeOf(s map[string]any) string {
	s = r.deref(s)
	if s == nil {
		return ""
	}
	var t string
	switch v := s["type"].(type) {
	case string:
		t = v
	case []any:
		parts := make([]string, 0, len(v))
		for _, x := range v {
			parts = append(parts, str(x))
		}
		t = strings.Join(parts, " | ")
	}
	if isType(s, "array") {
		t = "array of " + r.typeOf(obj(s["items"]))
	}
	if enum := list(s["enum"]); len(enum) > 0 {
		vals := make([]string, 0, len(enum))
		for _, e := range enum {
			vals = append(vals, fmt.Sprint(e))
		}
		t += " (" + strings.Join(vals, ", ") + ")"
	}
	if f := str(s["format"]); f != "" {
		t += ", " + f
	}
	return t
}

// deref follows a local $ref ("#/components/<kind>/<name>").
func (r resolver) deref(s map[string]any) map[string]any {
	for range 8 {
		ref := str(s["$ref"])
		if ref == "" {
			return s
		}
		parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
		if len(parts) != 2 {
			return s
		}
		s = obj(obj(r.components[parts[0]])[parts[1]])
	}
	return s
}

func isType(s map[string]any, t string) bool {
	switch v := s["type"].(type) {
	case string:
		return v == t
	case []any:
		for _, x := range v {
			if x == t {
				return true
			}
		}
	}
	return false
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func list(v any) []any         { l, _ := v.([]any); return l }
func str(v any) string         { s, _ := v.(string); return s }
