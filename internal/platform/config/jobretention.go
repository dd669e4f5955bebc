package config

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// JobRetention is how long finished background jobs are kept before they
// are deleted: completed, cancelled and discarded (out of attempts).
type JobRetention struct {
	Completed, Cancelled, Discarded time.Duration
}

// String formats r the way Set reads it.
func (r *JobRetention) String() string {
	return fmt.Sprintf("%s,%s,%s", r.Completed, r.Cancelled, r.Discarded)
}

// Set reads "COMPLETED,CANCELLED,DISCARDED" durations, or one duration for
// all three.
func (r *JobRetention) Set(s string) error {
	parts := strings.Split(s, ",")
	if len(parts) != 1 && len(parts) != 3 {
		return errors.New("want one duration or three, completed,cancelled,discarded (24h,168h,168h)")
	}
	ds := make([]time.Duration, len(parts))
	for i, p := range parts {
		d, err := time.ParseDuration(strings.TrimSpace(p))
		if err != nil {
			return fmt.Errorf("%q is not a duration", p)
		}
		if d <= 0 {
			return fmt.Errorf("%s must be above zero", p)
		}
		ds[i] = d
	}
	if len(ds) == 1 {
		ds = []time.Duration{ds[0], ds[0], ds[0]}
	}
	*r = JobRetention{Completed: ds[0], Cancelled: ds[1], Discarded: ds[2]}
	return nil
}

// Get returns the retention, for flag.Getter.
func (r *JobRetention) Get() any { return *r }
