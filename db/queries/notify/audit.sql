-- name: AuditBookingMessageTwice :many
-- Booking events (confirmed, reminder, cancelled, payment failed) recorded
-- as more than one message.
SELECT m.kind, (m.data -> 'booking' ->> 'booking_id')::bigint AS booking_id, count(*)::int AS messages
FROM notify.messages m
WHERE m.data -> 'booking' IS NOT NULL
GROUP BY m.kind, (m.data -> 'booking' ->> 'booking_id')::bigint
HAVING count(*) > 1
ORDER BY 2, 1;

-- name: AuditDeliverySentTwice :many
-- Messages sent more than once on one channel.
SELECT d.message_id, m.kind, d.channel, count(*)::int AS sent
FROM notify.deliveries d
JOIN notify.messages m ON m.id = d.message_id
WHERE d.status = 'sent'
GROUP BY d.message_id, m.kind, d.channel
HAVING count(*) > 1
ORDER BY d.message_id, d.channel;
