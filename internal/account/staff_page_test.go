package account_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// cinemas is two chains: Lumière with theaters A1 and A2, Apex with B1.
type cinemas struct {
	lumiere, apex int64
	a1, a2, b1    catalog.Theater
}

func setupCinemas(t *testing.T, b *testBundle) cinemas {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, b.Catalog.SaveCity(ctx, catalog.City{Name: "London", TimeZone: "Europe/London", Currency: "GBP"}))
	var w cinemas
	require.NoError(t, b.Pool.QueryRow(ctx, `INSERT INTO catalog.chains (slug, name) VALUES ('lumiere', 'Lumière Cinemas') RETURNING id`).Scan(&w.lumiere))
	require.NoError(t, b.Pool.QueryRow(ctx, `INSERT INTO catalog.chains (slug, name) VALUES ('apex', 'Apex Multiplex') RETURNING id`).Scan(&w.apex))
	theater := func(chain int64, name string) catalog.Theater {
		th, err := b.Catalog.CreateTheater(ctx, catalog.TheaterInput{ChainID: chain, Name: name, CitySlug: "london",
			TimeZone: "Europe/London", TrailerMinutes: 10, CleaningMinutes: 10})
		require.NoError(t, err)
		return th
	}
	w.a1, w.a2, w.b1 = theater(w.lumiere, "Riverside"), theater(w.lumiere, "Islington"), theater(w.apex, "Bandra")
	return w
}

// grant gives the user a role straight in the database and returns its id.
func grant(t *testing.T, b *testBundle, userID int64, role authz.Role, chain, theater int64) int64 {
	t.Helper()
	var th *int64
	if theater != 0 {
		th = &theater
	}
	var id int64
	require.NoError(t, b.Pool.QueryRow(context.Background(), `INSERT INTO account.staff_roles (user_id, role, chain_id, theater_id)
		VALUES ($1, $2, $3, $4) RETURNING id`, userID, string(role), chain, th).Scan(&id))
	return id
}

func place(chain, theater int64) string { return fmt.Sprintf("%d-%d", chain, theater) }

func roleOf(t *testing.T, b *testBundle, userID int64) []string {
	t.Helper()
	rows, err := b.Pool.Query(context.Background(), `SELECT role || '@' || chain_id || '-' || coalesce(theater_id, 0)
		FROM account.staff_roles WHERE user_id = $1 ORDER BY id`, userID)
	require.NoError(t, err)
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	require.NoError(t, rows.Err())
	return out
}

func TestAManagerGrantsBoxOfficeAtTheirTheaterAndTheClerkThenSeesTheStaffPages(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := setupCinemas(t, b)
	manager, m := b.SignedIn(t, "Maya", account.Customer)
	grant(t, b, m.ID, authz.TheaterManager, w.lumiere, w.a1.ID)
	clerk, c := b.SignedIn(t, "Ben", account.Customer)
	res, _ := clerk.Get(t, "/admin/bookings")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "a customer is not staff yet")

	res, body := manager.Get(t, "/admin/staff")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Lumière Cinemas / Riverside")
	require.NotContains(t, body, "Islington", "only the places the manager runs are offered")
	res, _ = manager.Post(t, "/admin/staff", url.Values{"email": {c.Email}, "role": {"box_office"}, "place": {place(w.lumiere, w.a1.ID)}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, []string{fmt.Sprintf("box_office@%d-%d", w.lumiere, w.a1.ID)}, roleOf(t, b, c.ID))

	_, body = manager.Get(t, "/admin/staff")
	require.Contains(t, body, "Ben is now Box office at Lumière Cinemas / Riverside.")
	require.Contains(t, body, c.Email)
	res, _ = clerk.Get(t, "/admin/bookings")
	require.Equal(t, http.StatusOK, res.StatusCode, "the clerk sees the bookings desk")

	var audited int
	require.NoError(t, b.Pool.QueryRow(context.Background(), `SELECT count(*) FROM account.audit_log
		WHERE action = 'staff.grant' AND actor_id = $1 AND subject_id = $2`, m.ID, c.ID).Scan(&audited))
	require.Equal(t, 1, audited)
}

func TestAManagerCannotGrantManagerOrChainAdminNorAtAnotherTheater(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := setupCinemas(t, b)
	manager, m := b.SignedIn(t, "Maya", account.Customer)
	grant(t, b, m.ID, authz.TheaterManager, w.lumiere, w.a1.ID)
	other := b.User(t, "Olga", account.Customer)

	for _, tc := range []struct{ role, place, msg string }{
		{"theater_manager", place(w.lumiere, w.a1.ID), "You cannot grant that role there."},
		{"chain_admin", place(w.lumiere, w.a1.ID), "A chain admin runs the whole chain"},
		{"box_office", place(w.lumiere, w.a2.ID), "Choose a place where you manage staff."},
		{"door", place(w.lumiere, 0), "Choose a place where you manage staff."},
		{"door", place(w.apex, w.a1.ID), "Choose a place where you manage staff."},
	} {
		res, body := manager.Post(t, "/admin/staff", url.Values{"email": {other.Email}, "role": {tc.role}, "place": {tc.place}})
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "%s at %s", tc.role, tc.place)
		require.Contains(t, body, tc.msg, "%s at %s", tc.role, tc.place)
	}
	res, body := manager.Post(t, "/admin/staff", url.Values{"email": {m.Email}, "role": {"door"}, "place": {place(w.lumiere, w.a1.ID)}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "You cannot change your own roles.")
	require.Empty(t, roleOf(t, b, other.ID), "nothing was granted")

	// Nor demote a fellow manager by granting them a lesser role there.
	fellow := b.User(t, "Fay", account.Customer)
	fellowRole := grant(t, b, fellow.ID, authz.TheaterManager, w.lumiere, w.a1.ID)
	res, body = manager.Post(t, "/admin/staff", url.Values{"email": {fellow.Email}, "role": {"door"}, "place": {place(w.lumiere, w.a1.ID)}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "You cannot grant that role there.")
	res, _ = manager.Post(t, "/admin/staff/"+strconv.FormatInt(fellowRole, 10)+"/revoke", nil)
	require.Equal(t, http.StatusForbidden, res.StatusCode, "a fellow manager is listed but not theirs to revoke")
	require.Equal(t, []string{fmt.Sprintf("theater_manager@%d-%d", w.lumiere, w.a1.ID)}, roleOf(t, b, fellow.ID))
}

func TestAChainAdminRevokesInTheChainButNotInAnotherChain(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := setupCinemas(t, b)
	admin, a := b.SignedIn(t, "Lena", account.Customer)
	grant(t, b, a.ID, authz.ChainAdmin, w.lumiere, 0)
	door := b.User(t, "Dev", account.Customer)
	ours := grant(t, b, door.ID, authz.Door, w.lumiere, w.a2.ID)
	theirs := grant(t, b, door.ID, authz.BoxOffice, w.apex, w.b1.ID)

	_, body := admin.Get(t, "/admin/staff")
	require.Contains(t, body, "Lumière Cinemas / Islington")
	require.NotContains(t, body, "Bandra", "another chain's staff are not listed")
	res, _ := admin.Post(t, "/admin/staff/"+strconv.FormatInt(theirs, 10)+"/revoke", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = admin.Post(t, "/admin/staff/"+strconv.FormatInt(ours, 10)+"/revoke", nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, []string{fmt.Sprintf("box_office@%d-%d", w.apex, w.b1.ID)}, roleOf(t, b, door.ID))
	var detail string
	require.NoError(t, b.Pool.QueryRow(context.Background(), `SELECT detail FROM account.audit_log
		WHERE action = 'staff.revoke' AND actor_id = $1 AND subject_id = $2`, a.ID, door.ID).Scan(&detail))
	require.Equal(t, "door at Lumière Cinemas / Islington", detail)

	// Granting again at the same place replaces the role; a chain admin
	// may make another chain admin of their chain.
	res, _ = admin.Post(t, "/admin/staff", url.Values{"email": {door.Email}, "role": {"chain_admin"}, "place": {place(w.lumiere, 0)}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = admin.Post(t, "/admin/staff", url.Values{"email": {door.Email}, "role": {"theater_manager"}, "place": {place(w.lumiere, 0)}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, []string{fmt.Sprintf("box_office@%d-%d", w.apex, w.b1.ID), fmt.Sprintf("theater_manager@%d-0", w.lumiere)},
		roleOf(t, b, door.ID))
}

func TestGrantingToAnUnknownEmailShowsTheFormAgainWithTheError(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := setupCinemas(t, b)
	staff := b.Browser(t)
	staff.SignIn(t, "staff@marquee.test", "marquee-staff")
	res, body := staff.Post(t, "/admin/staff", url.Values{"email": {"nobody@example.com"}, "role": {"door"}, "place": {place(w.apex, w.b1.ID)}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "No account with that email: ask them to sign up first.")
	require.Contains(t, body, `value="nobody@example.com"`, "the email is kept")
}

func TestDoorStaffGetForbiddenOnTheStaffPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := setupCinemas(t, b)
	door, d := b.SignedIn(t, "Dev", account.Customer)
	grant(t, b, d.ID, authz.Door, w.lumiere, w.a1.ID)
	res, _ := door.Get(t, "/admin/staff")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = door.Post(t, "/admin/staff", url.Values{"email": {d.Email}, "role": {"door"}, "place": {place(w.lumiere, w.a1.ID)}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)
}
