package payments

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Place is a scope staff may set the ways to pay for: the site, a chain or
// a city.
type Place struct {
	Scope string // "default", "chain:3", "city:mumbai"
	Name  string // "Lumière", "Mumbai"
}

// MethodSetting is the ways to pay chosen for one place, in order.
type MethodSetting struct {
	Scope     string
	Methods   []string
	UpdatedBy string
	UpdatedAt time.Time
}

// MethodSettings lists every place's chosen ways to pay.
func (s *Service) MethodSettings(ctx context.Context) ([]MethodSetting, error) {
	rows, err := s.q.MethodSettingList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list payment method settings: %w", err)
	}
	out := make([]MethodSetting, len(rows))
	for i, r := range rows {
		out[i] = MethodSetting{Scope: r.Scope, Methods: r.Methods, UpdatedBy: r.UpdatedBy, UpdatedAt: r.UpdatedAt}
	}
	return out, nil
}

// SetMethods chooses the ways to pay at scope: first is offered first
// (a new payment starts with it), then the others in the site's order.
// Methods without keys on this site may be chosen (they are offered once
// their keys are set). Errors: ErrInvalid (validate.Errors: scope,
// methods).
func (s *Service) SetMethods(ctx context.Context, scope, first string, others []string, by string) error {
	var errs validate.Errors
	if !validScope(scope) {
		errs.Add("scope", "Choose the site, a chain or a city.")
	}
	methods := []string{}
	if first != "" {
		methods = append(methods, first)
	}
	for _, name := range providerOrder {
		if slices.Contains(others, name) && name != first {
			methods = append(methods, name)
		}
	}
	for _, m := range append(slices.Clone(others), first) {
		if m != "" && !slices.Contains(providerOrder, m) {
			errs.Add("methods", fmt.Sprintf("%q is not a way to pay Marquee knows.", m))
		}
	}
	if len(methods) == 0 {
		errs.Add("methods", "Choose at least one way to pay.")
	}
	if len(errs) > 0 {
		return fmt.Errorf("set payment methods for %s: %w", scope, errs)
	}
	if err := s.q.MethodSettingUpsert(ctx, s.pool, paymentsdb.MethodSettingUpsertParams{Scope: scope, Methods: methods,
		UpdatedBy: by}); err != nil {
		return fmt.Errorf("set payment methods for %s: %w", scope, err)
	}
	return nil
}

// ClearMethods removes scope's setting: the next wider one applies.
func (s *Service) ClearMethods(ctx context.Context, scope string) error {
	if err := s.q.MethodSettingDelete(ctx, s.pool, scope); err != nil {
		return fmt.Errorf("clear payment methods for %s: %w", scope, err)
	}
	return nil
}

func validScope(scope string) bool {
	if scope == "default" {
		return true
	}
	kind, rest, ok := strings.Cut(scope, ":")
	if !ok || rest == "" {
		return false
	}
	switch kind {
	case "chain":
		return rest[0] != '0' && strings.Trim(rest, "0123456789") == ""
	case "city":
		return strings.Trim(rest, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
	}
	return false
}
