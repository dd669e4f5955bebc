// Package validate carries per-field validation errors from a module's
// service to the web layer, which re-renders the form with each message next
// to its field, or answers the API with 422 and the same messages.
package validate

import (
	"errors"
	"sort"
	"strings"
)

// ErrInvalid is what every validation failure matches with errors.Is.
var ErrInvalid = errors.New("some fields need attention")

// Errors maps a field name to what is wrong with it. The zero value is ready
// to use; Err returns nil while it is empty.
type Errors map[string]string

// Add records msg for field unless the field already has a message.
func (e *Errors) Add(field, msg string) {
	if *e == nil {
		*e = Errors{}
	}
	if _, ok := (*e)[field]; !ok {
		(*e)[field] = msg
	}
}

// Check adds msg for field when ok is false.
func (e *Errors) Check(ok bool, field, msg string) {
	if !ok {
		e.Add(field, msg)
	}
}

// Err returns the errors as an error, or nil when there are none.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// Error lists the problems, sorted by field, for logs and tests.
func (e Errors) Error() string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e[k]
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e Errors) Is(target error) bool { return target == ErrInvalid }

// Fields returns the field errors inside err, if it is (or wraps) Errors.
func Fields(err error) (Errors, bool) {
	var e Errors
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}
