package config

import (
	"fmt"
	"net/url"
	"strings"
)

// CORSOriginList is CORS_ORIGINS as a list of origins ("scheme://host"),
// or ["*"].
func (c Config) CORSOriginList() []string {
	var out []string
	for _, o := range strings.Split(c.CORSOrigins, ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		if u, err := url.Parse(o); err == nil && u.Host != "" {
			o = u.Scheme + "://" + u.Host
		}
		out = append(out, o)
	}
	return out
}

func (c Config) corsProblems() []string {
	var p []string
	for _, o := range strings.Split(c.CORSOrigins, ",") {
		if o = strings.TrimSpace(o); o == "" || o == "*" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			p = append(p, fmt.Sprintf("CORS_ORIGINS: %q is not an origin like https://app.example.com", o))
		}
	}
	return p
}
