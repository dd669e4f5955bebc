package pg

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNestedAcquire is the cause given when code inside a transaction asks
// the pool for a second connection (the pool rule): with more such callers
// than connections they would all wait on each other.
var ErrNestedAcquire = errors.New("pool rule broken: a transaction asked the pool for a second connection")

type inTxKey struct{}

// InTxContext marks ctx as belonging to code that runs inside a
// transaction. InTx passes such a context to its function; code that
// begins a transaction another way (a batch with BeginTx) marks the
// context it hands on the same way.
func InTxContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, inTxKey{}, true)
}

// InTransaction reports whether ctx was marked by InTxContext.
func InTransaction(ctx context.Context) bool {
	v, _ := ctx.Value(inTxKey{}).(bool)
	return v
}

// Guard enforces the pool rule on a pool: it is told of every connection
// asked for with a context marked by InTxContext.
type Guard struct {
	// Strict makes such an acquire fail at once (its context is cancelled
	// with cause ErrNestedAcquire) instead of waiting for a connection.
	Strict bool
	// Report, when set, is called with the offending caller's stack.
	Report func(stack string)
}

var _ pgxpool.AcquireTracer = (*Guard)(nil)

// TraceAcquireStart checks the context of every acquire.
func (g *Guard) TraceAcquireStart(ctx context.Context, _ *pgxpool.Pool, _ pgxpool.TraceAcquireStartData) context.Context {
	if !InTransaction(ctx) {
		return ctx
	}
	if g.Report != nil {
		g.Report(callers())
	}
	if !g.Strict {
		return ctx
	}
	refused, cancel := context.WithCancelCause(ctx)
	cancel(ErrNestedAcquire)
	return refused
}

// TraceAcquireEnd does nothing.
func (g *Guard) TraceAcquireEnd(context.Context, *pgxpool.Pool, pgxpool.TraceAcquireEndData) {}

// TraceQueryStart does nothing (pgx wants a query tracer too).
func (g *Guard) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	return ctx
}

// TraceQueryEnd does nothing.
func (g *Guard) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// callers lists the frames of the offending call outside the pool, the
// driver and the runtime: where the transaction's code asked.
func callers() string {
	pcs := make([]uintptr, 48)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	var b strings.Builder
	for {
		f, more := frames.Next()
		if !strings.Contains(f.Function, "jackc/") && !strings.HasPrefix(f.Function, "runtime.") {
			fmt.Fprintf(&b, "  %s\n    %s:%d\n", f.Function, f.File, f.Line)
		}
		if !more {
			return b.String()
		}
	}
}
