package notify_test

import (
	"encoding/base64"
	"io"
	"mime/quotedprintable"
)

func newBase64(r io.Reader) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, &stripNewlines{r: r})
}

func newQP(r io.Reader) io.Reader { return quotedprintable.NewReader(r) }

// stripNewlines drops CR and LF so line-wrapped base64 decodes.
type stripNewlines struct{ r io.Reader }

func (s *stripNewlines) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	j := 0
	for i := 0; i < n; i++ {
		if p[i] != '\r' && p[i] != '\n' {
			p[j] = p[i]
			j++
		}
	}
	return j, err
}
