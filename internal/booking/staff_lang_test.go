package booking_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

// TestStaffBookingsAndCheckInInHindi: staff who chose Hindi find bookings
// and let guests in with pages, verdicts and statuses in Hindi.
func TestStaffBookingsAndCheckInInHindi(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Dora", account.Staff)
	door.SetCookie(t, "lang", "hi")
	bk := sb.sold(t, ann.id, sb.show, "D3", "D4")
	sb.doorsOpen()

	res, page := door.Get(t, fmt.Sprintf("/admin/bookings?show=%d", sb.show.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{"Hold Tight, ", "की 1 बुकिंग", ">बुकिंग खोजें</button>", `<th scope="col">कोड</th>`,
		"पुष्टि हो गई", fmt.Sprintf("ग्राहक #%d", ann.id), bk.Code, "D3, D4", ">सीटों का नक्शा</a>"} {
		require.Contains(t, page, want)
	}
	for _, english := range []string{"Find bookings", "Confirmed", "Customer #", "bookings for"} {
		require.NotContains(t, page, english)
	}

	res, page = door.Get(t, "/admin/checkin")
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{"प्रवेश जाँच", ">बुकिंग कोड या टिकट</label>", ">प्रवेश दें</button>",
		`data-label-stop="कैमरा बंद करें"`, `aria-label="टिकट स्कैन करने के लिए कैमरे का दृश्य"`} {
		require.Contains(t, page, want)
	}
	require.NotContains(t, page, "Scan with camera")

	status, verdict := door.scan(t, sb.ticket(t, bk), 0)
	require.Equal(t, http.StatusOK, status, verdict)
	require.Contains(t, verdict, "2 व्यक्तियों को प्रवेश दें")
	require.Contains(t, verdict, "बजे प्रवेश हुआ।")
	require.NotContains(t, verdict, "Admit")
	status, verdict = door.scan(t, bk.Code, 0)
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, verdict, "पहले ही प्रवेश हो चुका है")
	require.Contains(t, verdict, "इसे दोबारा अंदर न जाने दें।")
}
