package main

import (
	"fmt"
	"io"
	"time"

	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/sealer"
)

// genKey is `server gen-key`: print a new key entry for DATA_KEYS or
// JWT_KEYS.
func genKey(stdout io.Writer) error {
	k, err := sealer.NewKey("k" + time.Now().UTC().Format("20060102"))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, k)
	return nil
}

// genVAPID is `server gen-vapid`: print a new web push key pair.
func genVAPID(stdout io.Writer) error {
	public, private, err := notify.GenerateVAPIDKeys()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "VAPID_PUBLIC_KEY=%s\nVAPID_PRIVATE_KEY=%s\n", public, private)
	return nil
}
