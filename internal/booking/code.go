package booking

import (
	"crypto/rand"
	"fmt"
	"math/big"
)

// codeAlphabet leaves out letters and digits people confuse (0/O, 1/I/L, 5/S,
// 2/Z, 8/B).
const codeAlphabet = "34679ACDEFGHJKMNPQRTUVWXY"

// newCode returns a booking code like "K7M-4QX" (about 2^28 possibilities;
// the unique index catches the rare repeat and the caller retries).
func newCode() (string, error) {
	b := make([]byte, 7)
	for i := range b {
		if i == 3 {
			b[i] = '-'
			continue
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
		if err != nil {
			return "", fmt.Errorf("booking code: %w", err)
		}
		b[i] = codeAlphabet[n.Int64()]
	}
	return string(b), nil
}
