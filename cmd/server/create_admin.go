package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/config"
)

// createAdmin is `server create-admin -email E -name N`: it makes the first
// admin (or promotes an existing account). The password is read from
// MARQUEE_ADMIN_PASSWORD or, failing that, from standard input, so it never
// lands in shell history.
func createAdmin(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("create-admin", flag.ContinueOnError)
	fs.SetOutput(stdout)
	email := fs.String("email", "", "the admin's email (required)")
	name := fs.String("name", "Administrator", "the admin's name")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("create-admin: %w", err)
	}
	if *email == "" {
		return errors.New("create-admin: -email is required")
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := db.migrator.Up(ctx); err != nil {
		return err
	}
	svc := account.NewService(db.pool, account.Options{})
	if u, err := svc.UserByEmail(ctx, *email); err == nil {
		if err := svc.SetRole(ctx, 0, u.ID, account.Admin, "command line"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s is now an admin\n", u.Email)
		return nil
	} else if !errors.Is(err, account.ErrNotFound) {
		return err
	}
	password := getenv("MARQUEE_ADMIN_PASSWORD")
	if password == "" {
		fmt.Fprint(stdout, "Password for the new admin: ")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("create-admin: read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	u, err := svc.CreateUser(ctx, account.NewUser{Email: *email, Name: *name, Password: password, Role: account.Admin, Verified: true})
	if err != nil {
		return fmt.Errorf("create-admin: %w", err)
	}
	fmt.Fprintf(stdout, "created admin %s\n", u.Email)
	return nil
}
