package bookingdb

// HoldTakeSQL is HoldTake's statement, for a pgx.Batch that runs it in one
// round trip between BEGIN and COMMIT. Its arguments go in HoldTakeParams'
// field order and its rows scan into HoldTakeRow in column order.
const HoldTakeSQL = holdTake

// HoldReleaseSQL is HoldRelease's statement, for a pgx.Batch that runs it
// in one round trip between BEGIN and COMMIT. Its row scans into
// HoldReleaseRow in column order.
const HoldReleaseSQL = holdRelease
