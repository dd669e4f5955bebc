package account

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/account/accountdb"
)

// AuditEntry is one security-relevant event.
type AuditEntry struct {
	ID           int64
	At           time.Time
	ActorEmail   string // "" when the actor's account is gone
	Action       string // "admin.login", "role.change"
	SubjectEmail string
	Detail       string
	IP           string
}

func (s *Service) audit(ctx context.Context, db accountdb.DBTX, actor int64, action string, subject int64, detail, ip string) error {
	err := s.q.AuditInsert(ctx, db, accountdb.AuditInsertParams{
		ActorID: nullID(actor), Action: action, SubjectID: nullID(subject), Detail: detail, Ip: ip,
	})
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditLog lists events, newest first, page from 1 (50 a page).
func (s *Service) AuditLog(ctx context.Context, page int) ([]AuditEntry, error) {
	const size = 50
	rows, err := s.q.AuditList(ctx, s.pool, accountdb.AuditListParams{Limit: size, Offset: int32((max(page, 1) - 1) * size)})
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = AuditEntry{ID: r.ID, At: r.At, ActorEmail: deref(r.ActorEmail), Action: r.Action,
			SubjectEmail: deref(r.SubjectEmail), Detail: r.Detail, IP: r.Ip}
	}
	return out, nil
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
