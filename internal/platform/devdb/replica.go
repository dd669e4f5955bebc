package devdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// StartReplica makes a streaming replica of the running cluster c in dir
// (pg_basebackup -R: a base backup that then follows c's WAL) and starts
// it, read-only, on a free loopback port: for tests of what reads a
// replica serves. dir must not exist yet. Stop stops it.
func (c *Cluster) StartReplica(ctx context.Context, dir string, opt Options) (*Cluster, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", dir, err)
	}
	r := &Cluster{dir: dir, bin: c.bin, cred: c.cred}
	if err := r.takeOwnership(); err != nil {
		return nil, err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		r.release()
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	if c.cred != nil {
		if err := os.Chown(dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			r.release()
			return nil, fmt.Errorf("hand %s to the postgres user: %w", dir, err)
		}
	}
	out, err := r.command(ctx, basebackup(c.bin), "-h", "127.0.0.1", "-p", strconv.Itoa(c.port), "-U", "postgres",
		"-D", dir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync").CombinedOutput()
	if err != nil {
		r.release()
		return nil, fmt.Errorf("pg_basebackup of the cluster on port %d: %w: %s", c.port, err, out)
	}
	if err := r.start(ctx, opt); err != nil {
		r.release()
		return nil, err
	}
	return r, nil
}

// basebackup is the pg_basebackup of the same installation as bin's pg_ctl
// (bin may hold only links to pg_ctl and initdb).
func basebackup(bin string) string {
	if ctl, err := filepath.EvalSymlinks(filepath.Join(bin, "pg_ctl")); err == nil {
		return filepath.Join(filepath.Dir(ctl), "pg_basebackup")
	}
	return filepath.Join(bin, "pg_basebackup")
}
