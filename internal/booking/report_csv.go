package booking

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/currency"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// writeReportCSV answers r as a CSV download: a header row (Section,
// Currency, Item and the sheet's columns), then every row of every sheet
// with its totals, amounts as decimal strings in the currency's unit.
func writeReportCSV(c echo.Context, r Report) error {
	ctx := c.Request().Context()
	sheets := reportTables(ctx, r)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := []string{i18n.T(ctx, "Section"), i18n.T(ctx, "Currency"), i18n.T(ctx, "Item")}
	if len(sheets) > 0 {
		head = append(head, sheets[0].head...)
	}
	records := [][]string{head}
	for _, s := range sheets {
		line := func(l reportLine) []string {
			rec := []string{s.section, s.currency, l.item}
			for _, cell := range l.cells {
				rec = append(rec, cell.csv(s.currency))
			}
			return rec
		}
		for _, l := range s.rows {
			records = append(records, line(l))
		}
		if s.foot != nil {
			records = append(records, line(*s.foot))
		}
	}
	for _, rec := range records {
		for i := range rec {
			rec[i] = csvSafe(rec[i])
		}
		if err := w.Write(rec); err != nil {
			return fmt.Errorf("write report csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("write report csv: %w", err)
	}
	name := fmt.Sprintf("marquee-%s-%s-%s.csv", r.Query.Kind, r.Query.From.Format("20060102"), r.Query.To.Format("20060102"))
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// csv is the cell as a spreadsheet reads it: counts as integers, money
// as a decimal in the currency's unit, percentages with one decimal.
func (c reportCell) csv(cur string) string {
	switch c.kind {
	case 1:
		return strconv.FormatInt(c.n, 10)
	case 2:
		return decimalMinor(c.n, cur)
	case 3:
		return strconv.FormatFloat(c.percent, 'f', 1, 64)
	}
	return c.text
}

// decimalMinor writes minor units as a decimal: 123456 INR is "1234.56",
// 1500 JPY is "1500".
func decimalMinor(minor int64, code string) string {
	scale := 2
	if u, err := currency.ParseISO(code); err == nil {
		scale, _ = currency.Standard.Rounding(u)
	}
	if scale == 0 {
		return strconv.FormatInt(minor, 10)
	}
	sign, n := "", minor
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	return sign + s[:len(s)-scale] + "." + s[len(s)-scale:]
}

// csvSafe keeps a spreadsheet from reading a cell as a formula: text
// starting with = + - @ (or a tab or carriage return) gets a leading
// quote. Negative amounts are left as numbers.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	if strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
