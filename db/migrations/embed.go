// Package migrations embeds the goose SQL migrations so the binary can apply
// them at start-up without the source tree.
package migrations

import "embed"

// FS holds every migration file, named NNNNN_description.sql.
//
//go:embed *.sql
var FS embed.FS
