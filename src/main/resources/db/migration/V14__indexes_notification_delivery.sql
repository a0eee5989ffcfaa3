-- The delivery job's claim: the next rows available, oldest first.
CREATE INDEX idx_notification_outbox_available ON notification_outbox (available_at, notification_id);

-- The reminder job's scan: due reminders not cancelled; and its clean-up of past tombstones.
CREATE INDEX idx_booking_reminders_due ON booking_reminders (remind_at) WHERE NOT cancelled;
CREATE INDEX idx_booking_reminders_class_time ON booking_reminders (class_datetime);
