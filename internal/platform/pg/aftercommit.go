package pg

import "context"

type afterCommitKey struct{}

// afterCommit collects what one attempt of an InTx transaction wants done
// once it commits.
type afterCommit struct{ fns []func() }

// AfterCommit has f run once the transaction ctx belongs to (InTx's) has
// committed, and never when it rolls back or is retried from the start:
// for effects that must follow only what really happened, such as
// counting a purchase. f runs on the caller's goroutine after the commit,
// outside the transaction, so it may use the pool. Outside InTx (ctx not
// from it) f runs at once.
func AfterCommit(ctx context.Context, f func()) {
	if ac, ok := ctx.Value(afterCommitKey{}).(*afterCommit); ok {
		ac.fns = append(ac.fns, f)
		return
	}
	f()
}

// withAfterCommit gives one attempt of a transaction its own list, and
// reports the function that runs it after the commit. A transaction
// inside another (a savepoint) hands its list to the outer one, which
// alone decides whether anything committed.
func withAfterCommit(ctx context.Context) (context.Context, func()) {
	ac := &afterCommit{}
	outer, nested := ctx.Value(afterCommitKey{}).(*afterCommit)
	return context.WithValue(ctx, afterCommitKey{}, ac), func() {
		if nested {
			outer.fns = append(outer.fns, ac.fns...)
			return
		}
		for _, f := range ac.fns {
			f()
		}
	}
}
