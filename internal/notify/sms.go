package notify

import (
	"strings"
	"unicode/utf16"
)

// maxSMSSegments bounds a text message: at most three parts. A text in
// GSM-7 (plain English) holds 160 characters in one part and 153 per part
// once split; any other character (Devanagari, á, ó, €…) sends the whole
// text as UCS-2, 70 characters in one part and 67 per part, so a Hindi
// text costs about as much as an English one twice its length.
const maxSMSSegments = 3

// gsm7 are the characters of the GSM 03.38 default alphabet; gsm7Ext are
// those of its extension table, which take two septets each.
const (
	gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Ext = "^{}\\[~]|€\f"
)

// smsSegments is how many parts s is sent in.
func smsSegments(s string) int {
	septets, ucs2 := 0, false
	for _, r := range s {
		switch {
		case strings.ContainsRune(gsm7, r):
			septets++
		case strings.ContainsRune(gsm7Ext, r):
			septets += 2
		default:
			ucs2 = true
		}
	}
	if ucs2 {
		return parts(len(utf16.Encode([]rune(s))), 70, 67)
	}
	return parts(septets, 160, 153)
}

func parts(n, single, multi int) int {
	if n <= single {
		return 1
	}
	return (n + multi - 1) / multi
}

// fitSMS returns the first of texts (fullest first) that fits in
// maxSMSSegments parts, else the last, the shortest.
func fitSMS(texts ...string) string {
	for _, t := range texts {
		if smsSegments(t) <= maxSMSSegments {
			return t
		}
	}
	return texts[len(texts)-1]
}
