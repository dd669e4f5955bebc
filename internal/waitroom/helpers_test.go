package waitroom_test

import (
	"strconv"

	"github.com/marqueehq/marquee/internal/platform/validate"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func validateFields(err error) (validate.Errors, bool) { return validate.Fields(err) }
