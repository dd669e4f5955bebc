package booking

import (
	"fmt"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	views "github.com/marqueehq/marquee/web/templates/booking"
)

// ticketQR draws text as a QR code for an SVG: one path of dark modules,
// each row's runs merged, with the standard four-module quiet zone. Medium
// error correction survives a scratched phone screen or a creased print.
func ticketQR(text string) (views.QRCode, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return views.QRCode{}, fmt.Errorf("ticket QR code: %w", err)
	}
	bits := q.Bitmap()
	var d strings.Builder
	for y, row := range bits {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			d.WriteString("M" + strconv.Itoa(x) + " " + strconv.Itoa(y) + "h" + strconv.Itoa(run) + "v1h-" + strconv.Itoa(run) + "z")
			x += run
		}
	}
	return views.QRCode{Size: len(bits), Path: d.String()}, nil
}
