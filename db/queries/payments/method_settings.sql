-- name: MethodSettingsFor :many
SELECT * FROM payments.method_settings WHERE scope = ANY(sqlc.arg(scopes)::text[]);

-- name: MethodSettingList :many
SELECT * FROM payments.method_settings ORDER BY scope;

-- name: MethodSettingUpsert :exec
INSERT INTO payments.method_settings (scope, methods, updated_by) VALUES ($1, $2, $3)
ON CONFLICT (scope) DO UPDATE SET methods = EXCLUDED.methods, updated_by = EXCLUDED.updated_by, updated_at = now();

-- name: MethodSettingDelete :exec
DELETE FROM payments.method_settings WHERE scope = $1;

-- name: MethodSettingInsertIfAbsent :exec
INSERT INTO payments.method_settings (scope, methods, updated_by) VALUES ($1, $2, $3)
ON CONFLICT (scope) DO NOTHING;
