// Command server runs Marquee: the web site, the JSON API and the background
// jobs, in one binary. `server -help` lists the subcommands and settings.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // theaters' time zones, also in images without a zoneinfo database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "marquee:", err)
		stop()
		os.Exit(1)
	}
}
