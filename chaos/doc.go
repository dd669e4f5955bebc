// Package chaos holds Marquee's crash and fault tests, run against the real
// server binary as a subprocess: kill -9 at every checkout step, an abrupt
// PostgreSQL stop, and provider faults (500s, timeouts, slow and cut
// answers, answers delivered twice) through Proxy, the small fault-injecting
// TCP proxy in this package. Every test ends with the invariant checker
// (internal/check, as `server check` runs it).
//
// `go test ./chaos` runs a short variant (a few kill points); `make chaos`
// sets CHAOS_ROUNDS for many rounds with random timing.
package chaos
