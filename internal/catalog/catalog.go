// Package catalog owns what is playing where: movies, theaters, screens and
// their seat layouts, shows and prices, and the public and admin pages that
// browse and edit them. Other modules read it through Service.
package catalog

import (
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// Options configure the Service.
type Options struct {
	// Certifications is the rating scheme movies are certified in.
	Certifications CertificationScheme
	// Now is the clock (tests set it); time.Now when nil.
	Now func() time.Time
	// ReadPool serves the public listings and movie and theater pages,
	// which may lag the primary a little (a read replica); nil: the
	// primary pool. Admin pages, booking's reads and everything in a
	// transaction use the primary.
	ReadPool *pgxpool.Pool
}

// Service is the catalogue's API for pages, admin and other modules.
type Service struct {
	pool *pgxpool.Pool
	// read serves public browsing (see Options.ReadPool).
	read  *pgxpool.Pool
	q     *catalogdb.Queries
	certs CertificationScheme
	now   func() time.Time
	// listeners hear about changes (search, booking, notify).
	listeners []Listener
}

// NewService returns the catalogue service on pool.
func NewService(pool *pgxpool.Pool, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if len(o.Certifications.Ratings) == 0 {
		o.Certifications = schemes()[0]
	}
	if o.ReadPool == nil {
		o.ReadPool = pool
	}
	return &Service{pool: pool, read: o.ReadPool, q: catalogdb.New(), certs: o.Certifications, now: o.Now}
}

// Certifications returns the rating scheme in use.
func (s *Service) Certifications() CertificationScheme { return s.certs }
