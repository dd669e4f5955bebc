package bookingdb

// HoldSeatLockSQL is HoldSeatLock's statement (written by hand, not by
// sqlc), for a pgx.Batch that begins the transaction with it: Batch.BeginTx
// sends BEGIN and the lock in one round trip. Its rows scan into
// HoldSeatLockRow in column order.
const HoldSeatLockSQL = holdSeatLock

// HoldReleaseSQL is HoldRelease's statement, for a pgx.Batch that runs it
// in one round trip between BEGIN and COMMIT. Its row scans into
// HoldReleaseRow in column order.
const HoldReleaseSQL = holdRelease
