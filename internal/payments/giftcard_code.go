package payments

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
)

// crockford is Crockford's base32 alphabet: digits and capitals without I,
// L, O and U, so a code read aloud or typed from a printed card has no two
// characters that look alike.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// giftCardCodeLen is a code's length: 80 random bits, 5 to a character.
const giftCardCodeLen = 16

// newGiftCardCode makes a code from 80 bits of crypto/rand, normalised
// (16 characters, no dashes). Errors: the system's random source failing.
func newGiftCardCode() (string, error) {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("gift card code: %w", err)
	}
	return base32.NewEncoding(crockford).WithPadding(base32.NoPadding).EncodeToString(b[:]), nil
}

// normaliseGiftCardCode turns a code as someone typed it into the form it
// is hashed in: capitals, without spaces or dashes, O read as 0 and I or L
// as 1 (Crockford's decoding). ok is false when what is left is not 16
// characters of the alphabet.
func normaliseGiftCardCode(typed string) (code string, ok bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\u00a0':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		case !strings.ContainsRune(crockford, r):
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() != giftCardCodeLen {
		return "", false
	}
	return b.String(), true
}

// formatGiftCardCode shows a normalised code in groups of four
// (XXXX-XXXX-XXXX-XXXX), as it is printed and emailed.
func formatGiftCardCode(code string) string {
	var parts []string
	for i := 0; i+4 <= len(code); i += 4 {
		parts = append(parts, code[i:i+4])
	}
	return strings.Join(parts, "-")
}

// giftCardHash is what a card's code is stored as: the SHA-256 of the
// normalised code. 80 random bits need no salt or slow hash: nobody can
// try 2^80 codes, and the balance check's rate limits stop guessing.
func giftCardHash(code string) []byte {
	sum := sha256.Sum256([]byte(code))
	return sum[:]
}

// giftCardCodePrefix is the part of a typed code whose balance checks share
// a rate limit: all but its last four characters. Someone who knows most
// of a code (a photo of a card with a thumb over the end) cannot try the
// 2^20 endings from many addresses at once. Codes that do not normalise
// give "" (they count against the address's limit only).
func giftCardCodePrefix(typed string) string {
	code, ok := normaliseGiftCardCode(typed)
	if !ok {
		return ""
	}
	return code[:giftCardCodeLen-4]
}
