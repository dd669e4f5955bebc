-- name: AuditInsert :exec
INSERT INTO account.audit_log (actor_id, action, subject_id, detail, ip) VALUES ($1, $2, $3, $4, $5);

-- name: AuditList :many
SELECT a.*, actor.email AS actor_email, subject.email AS subject_email
FROM account.audit_log a
LEFT JOIN account.users actor ON actor.id = a.actor_id
LEFT JOIN account.users subject ON subject.id = a.subject_id
ORDER BY a.at DESC, a.id DESC
LIMIT $1 OFFSET $2;

-- name: AuditListForUser :many
SELECT * FROM account.audit_log WHERE actor_id = $1 OR subject_id = $1 ORDER BY at;
