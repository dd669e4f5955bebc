package jobs

import "time"

// Retention is how long River keeps finished jobs before its cleaner
// deletes them, so the job table stays small on a busy site: it otherwise
// grows by every confirmation, reminder and webhook ever handled.
type Retention struct {
	// Completed jobs are kept this long (for "did the mail go out?").
	Completed time.Duration
	// Cancelled jobs, long enough to look into why.
	Cancelled time.Duration
	// Discarded jobs (out of attempts), long enough for staff to see and
	// retry them after a weekend.
	Discarded time.Duration
}

// DefaultRetention keeps completed jobs a day and cancelled or discarded
// ones a week.
var DefaultRetention = Retention{
	Completed: 24 * time.Hour,
	Cancelled: 7 * 24 * time.Hour,
	Discarded: 7 * 24 * time.Hour,
}

// orDefault fills each unset period from DefaultRetention.
func (r Retention) orDefault() Retention {
	if r.Completed == 0 {
		r.Completed = DefaultRetention.Completed
	}
	if r.Cancelled == 0 {
		r.Cancelled = DefaultRetention.Cancelled
	}
	if r.Discarded == 0 {
		r.Discarded = DefaultRetention.Discarded
	}
	return r
}
