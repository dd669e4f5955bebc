package account

import (
	"bufio"
	"compress/gzip"
	"embed"
	"strings"
	"sync"
)

//go:embed data/common-passwords.txt.gz
var commonPasswordFile embed.FS

// commonPasswords is the embedded list, read once on first use; it never
// changes afterwards.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 50_000)
	f, err := commonPasswordFile.Open("data/common-passwords.txt.gz")
	if err != nil {
		panic("account: embedded password list missing: " + err.Error())
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		panic("account: embedded password list unreadable: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		set[sc.Text()] = struct{}{}
	}
	return set
})

// isCommonPassword reports whether p is on the list of common passwords
// (case-insensitively).
func isCommonPassword(p string) bool {
	_, ok := commonPasswords()[strings.ToLower(p)]
	return ok
}
