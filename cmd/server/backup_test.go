package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// command runs `server args...` against the database at dbURL.
func command(t *testing.T, dbURL string, args ...string) (string, error) {
	t.Helper()
	env := map[string]string{"DATABASE_URL": dbURL, "DATA_DIR": t.TempDir(), "LOG_LEVEL": "error"}
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err := run(ctx, append([]string{"server"}, args...), func(k string) string { return env[k] }, &out)
	return out.String(), err
}

// TestABackupRestoresIntoANewDatabaseThatPassesTheCheck takes a backup
// after a buyer's whole journey, restores it into a new database and runs
// `server check` there: nothing lost, nothing broken. The phone number,
// sealed in the database, is not readable anywhere in the dump.
func TestABackupRestoresIntoANewDatabaseThatPassesTheCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := apptest.New(t, apptest.Options{Pool: pgtest.New(t)})
	runJobs(t, s)
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{Title: "Safe Keeping"})
	sec := buyerJourney(t, s, show.ID)
	require.Eventually(t, func() bool { // the cancellation's refund settled
		var state string
		require.NoError(t, s.Pool.QueryRow(ctx, "SELECT state FROM payments.payments WHERE booking_id = $1", sec.BookingID).Scan(&state))
		return state == string(payments.Refunded)
	}, 2*time.Minute, 50*time.Millisecond, "the refund settles")
	dbURL := s.Pool.Config().ConnString()

	file := filepath.Join(t.TempDir(), "marquee.dump")
	out, err := command(t, dbURL, "backup", "-o", file)
	require.NoError(t, err, out)
	script, err := exec.Command("pg_restore", "--file", "-", file).Output()
	require.NoError(t, err, "read the dump as SQL")
	require.Contains(t, string(script), "dana@example.com", "the dump holds the account")
	require.NotContains(t, string(script), journeyPhone, "the phone number stays sealed")
	require.NotContains(t, string(script), strings.TrimPrefix(journeyPhone, "+44"), "the phone number stays sealed")

	// Creating a database takes a role that may: the server's superuser
	// here, as for an operator restoring a backup.
	admin := asSuperuser(t, dbURL)
	name := "restored_" + randomHex(t)
	out, err = command(t, admin, "restore", "-i", file, "-db", name)
	require.NoError(t, err, out)
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), admin)
		require.NoError(t, err)
		defer conn.Close(context.Background())
		_, err = conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		require.NoError(t, err)
	})
	restored, err := withDatabase(admin, name)
	require.NoError(t, err)
	out, err = command(t, restored, "check", "-grace", "1ns")
	require.NoError(t, err, out)
	require.Contains(t, out, "invariants hold")
	const status = "SELECT status FROM booking.bookings WHERE id = $1"
	var before, after string
	require.NoError(t, s.Pool.QueryRow(ctx, status, sec.BookingID).Scan(&before))
	conn, err := pgx.Connect(ctx, restored)
	require.NoError(t, err)
	defer conn.Close(ctx)
	require.NoError(t, conn.QueryRow(ctx, status, sec.BookingID).Scan(&after))
	require.Equal(t, before, after, "the booking came back as it was")

	_, err = command(t, admin, "restore", "-i", file, "-db", name)
	require.Error(t, err, "restore never writes into an existing database")
}

// TestCheckCommandFailsOnABrokenInvariant: a confirmed booking nobody
// paid for makes `server check` print it and exit non-zero.
func TestCheckCommandFailsOnABrokenInvariant(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	dbURL := pool.Config().ConnString()
	out, err := command(t, dbURL, "check")
	require.NoError(t, err, "an empty database is consistent")
	require.Contains(t, out, "invariants hold")
	_, err = pool.Exec(context.Background(), `INSERT INTO booking.bookings
		(code, show_id, theater_id, status, hold_expires_at, currency, subtotal_minor, total_minor, updated_at)
		VALUES ('UNPAID', 1, 1, 'confirmed', now(), 'AUD', 970000, 970000, now() - interval '1 hour')`)
	require.NoError(t, err)
	out, err = command(t, dbURL, "check")
	require.ErrorIs(t, err, errFindings)
	require.Contains(t, out, "confirmed booking is paid in full: booking 1 (970000 AUD)")
}

// asSuperuser is dbURL as the test server's superuser, postgres (trusted
// on 127.0.0.1, see README).
func asSuperuser(t *testing.T, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(t, err)
	u.User = url.User("postgres")
	return u.String()
}

func randomHex(t *testing.T) string {
	t.Helper()
	b := make([]byte, 6)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return hex.EncodeToString(b)
}
