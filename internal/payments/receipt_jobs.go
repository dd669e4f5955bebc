package payments

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
)

// IssueReceiptArgs issues the receipt or tax invoice of a paid payment.
type IssueReceiptArgs struct {
	PaymentID int64 `json:"payment_id"`
}

// Kind names the job in River.
func (IssueReceiptArgs) Kind() string { return "payments.issue_receipt" }

// IssueCreditNoteArgs issues the credit note of a refund that went through.
type IssueCreditNoteArgs struct {
	RefundID int64 `json:"refund_id"`
}

// Kind names the job in River.
func (IssueCreditNoteArgs) Kind() string { return "payments.issue_credit_note" }

// IssueReceipt enqueues the job that issues payment paymentID's receipt
// (once: a second request while one waits adds nothing).
func (r *RiverJobs) IssueReceipt(ctx context.Context, tx pgx.Tx, paymentID int64) error {
	if _, err := r.Client.InsertTx(ctx, tx, IssueReceiptArgs{PaymentID: paymentID}, &river.InsertOpts{MaxAttempts: 25,
		UniqueOpts: river.UniqueOpts{ByArgs: true}}); err != nil {
		return fmt.Errorf("enqueue receipt of payment %d: %w", paymentID, err)
	}
	return nil
}

// IssueCreditNote enqueues the job that issues refund refundID's credit
// note (once, as IssueReceipt).
func (r *RiverJobs) IssueCreditNote(ctx context.Context, tx pgx.Tx, refundID int64) error {
	if _, err := r.Client.InsertTx(ctx, tx, IssueCreditNoteArgs{RefundID: refundID}, &river.InsertOpts{MaxAttempts: 25,
		UniqueOpts: river.UniqueOpts{ByArgs: true}}); err != nil {
		return fmt.Errorf("enqueue credit note of refund %d: %w", refundID, err)
	}
	return nil
}

type issueReceiptWorker struct {
	river.WorkerDefaults[IssueReceiptArgs]
	svc *Service
}

// Work issues the receipt; issuing twice returns the first. A payment
// that took no money has none, so the job ends without retrying.
func (w *issueReceiptWorker) Work(ctx context.Context, job *river.Job[IssueReceiptArgs]) error {
	_, err := w.svc.IssueReceipt(ctx, job.Args.PaymentID)
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrNoReceiptFacts) {
		return river.JobCancel(err)
	}
	return err
}

type issueCreditNoteWorker struct {
	river.WorkerDefaults[IssueCreditNoteArgs]
	svc *Service
}

// Work issues the credit note, as issueReceiptWorker does the receipt.
func (w *issueCreditNoteWorker) Work(ctx context.Context, job *river.Job[IssueCreditNoteArgs]) error {
	_, err := w.svc.IssueCreditNote(ctx, job.Args.RefundID)
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrNoReceiptFacts) {
		return river.JobCancel(err)
	}
	return err
}

// receiptWorkers registers the workers that issue documents.
func receiptWorkers(w *river.Workers, svc *Service) {
	river.AddWorker(w, &issueReceiptWorker{svc: svc})
	river.AddWorker(w, &issueCreditNoteWorker{svc: svc})
}
