package payments

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
)

// Jobs enqueues payments' background work inside a transaction (River's
// InsertTx), so a job exists exactly when what it works on committed.
type Jobs interface {
	ApplyEvent(ctx context.Context, tx pgx.Tx, eventID int64) error
	SendRefund(ctx context.Context, tx pgx.Tx, refundID int64) error
	// IssueReceipt and IssueCreditNote ask for a payment's receipt and a
	// refund's credit note (receipt_jobs.go).
	IssueReceipt(ctx context.Context, tx pgx.Tx, paymentID int64) error
	IssueCreditNote(ctx context.Context, tx pgx.Tx, refundID int64) error
}

// ApplyEventArgs applies a stored provider event.
type ApplyEventArgs struct {
	EventID int64 `json:"event_id"`
}

// Kind names the job in River.
func (ApplyEventArgs) Kind() string { return "payments.apply_event" }

// SendRefundArgs asks the provider for a recorded refund.
type SendRefundArgs struct {
	RefundID int64 `json:"refund_id"`
}

// Kind names the job in River.
func (SendRefundArgs) Kind() string { return "payments.send_refund" }

// ReconcileArgs asks the provider about payments and refunds stuck waiting.
type ReconcileArgs struct{}

// Kind names the job in River.
func (ReconcileArgs) Kind() string { return "payments.reconcile" }

// DailyCheckArgs compares payment and booking states.
type DailyCheckArgs struct{}

// Kind names the job in River.
func (DailyCheckArgs) Kind() string { return "payments.daily_check" }

// RiverJobs enqueues payments' jobs with a River client (set once the
// client exists).
type RiverJobs struct{ Client *river.Client[pgx.Tx] }

// ApplyEvent enqueues the job that applies event eventID.
func (r *RiverJobs) ApplyEvent(ctx context.Context, tx pgx.Tx, eventID int64) error {
	if _, err := r.Client.InsertTx(ctx, tx, ApplyEventArgs{EventID: eventID}, &river.InsertOpts{MaxAttempts: 25}); err != nil {
		return fmt.Errorf("enqueue event %d: %w", eventID, err)
	}
	return nil
}

// SendRefund enqueues the job that sends refund refundID to the provider
// (once: a second request while one waits adds nothing).
func (r *RiverJobs) SendRefund(ctx context.Context, tx pgx.Tx, refundID int64) error {
	if _, err := r.Client.InsertTx(ctx, tx, SendRefundArgs{RefundID: refundID}, &river.InsertOpts{MaxAttempts: 25,
		UniqueOpts: river.UniqueOpts{ByArgs: true}}); err != nil {
		return fmt.Errorf("enqueue refund %d: %w", refundID, err)
	}
	return nil
}

type applyEventWorker struct {
	river.WorkerDefaults[ApplyEventArgs]
	svc *Service
}

// Work applies the event; an error makes River retry it with backoff. An
// event whose payment another event (or the buyer) is changing right now
// is snoozed for a moment, with jitter so a burst for one payment spreads
// out: applied one after another, no connection waiting on a lock.
func (w *applyEventWorker) Work(ctx context.Context, job *river.Job[ApplyEventArgs]) error {
	err := w.svc.ApplyEvent(ctx, job.Args.EventID, false)
	if errors.Is(err, ErrEventBusy) {
		return river.JobSnooze(50*time.Millisecond + rand.N(200*time.Millisecond))
	}
	return err
}

type sendRefundWorker struct {
	river.WorkerDefaults[SendRefundArgs]
	svc *Service
}

// Work calls the provider for the refund, outside any transaction.
func (w *sendRefundWorker) Work(ctx context.Context, job *river.Job[SendRefundArgs]) error {
	return w.svc.sendRefund(ctx, job.Args.RefundID)
}

type reconcileWorker struct {
	river.WorkerDefaults[ReconcileArgs]
	svc *Service
}

// Work reconciles stuck payments and refunds with the provider.
func (w *reconcileWorker) Work(ctx context.Context, _ *river.Job[ReconcileArgs]) error {
	_, err := w.svc.Reconcile(ctx)
	return err
}

type dailyCheckWorker struct {
	river.WorkerDefaults[DailyCheckArgs]
	svc *Service
}

// Work runs the daily check.
func (w *dailyCheckWorker) Work(ctx context.Context, _ *river.Job[DailyCheckArgs]) error {
	_, err := w.svc.DailyCheck(ctx)
	return err
}

// Workers registers payments' River workers.
func Workers(w *river.Workers, svc *Service) {
	river.AddWorker(w, &applyEventWorker{svc: svc})
	river.AddWorker(w, &sendRefundWorker{svc: svc})
	river.AddWorker(w, &reconcileWorker{svc: svc})
	river.AddWorker(w, &dailyCheckWorker{svc: svc})
	river.AddWorker(w, &giftCardWriteOffWorker{svc: svc})
	receiptWorkers(w, svc)
}

// PeriodicJobs lists payments' scheduled jobs: reconciliation every five
// minutes, the daily check and the daily write-off of expired gift cards.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(5*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return ReconcileArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return DailyCheckArgs{}, nil }, nil),
		river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return GiftCardWriteOffArgs{}, nil }, nil),
	}
}
