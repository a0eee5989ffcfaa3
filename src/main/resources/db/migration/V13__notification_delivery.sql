-- Notifications waiting to be delivered to the configured sender (the transactional outbox):
-- a notification and its outbox row are written in one transaction; the delivery job claims
-- rows by pushing available_at forward (a lease), sends them, and deletes them once the sender
-- accepted them. A row is never deleted otherwise, so a failed or interrupted batch is sent
-- again once its lease or back-off has passed: at-least-once delivery.
CREATE TABLE notification_outbox (
    notification_id  bigint       PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
    available_at     timestamptz  NOT NULL DEFAULT now(),
    attempts         integer      NOT NULL DEFAULT 0,
    last_error       varchar(300)
);

-- One pending reminder per booking, written when the booking is made; the reminder job turns
-- due rows into BOOKING_REMINDER notifications and deletes them. A cancelled booking leaves its
-- row marked cancelled (a tombstone, so an out-of-order booking event cannot revive it) until
-- a day after the class.
CREATE TABLE booking_reminders (
    booking_id      bigint       PRIMARY KEY,
    user_id         bigint       NOT NULL REFERENCES users (id),
    class_id        bigint       NOT NULL,
    class_title     varchar(200),
    class_datetime  timestamptz  NOT NULL,
    remind_at       timestamptz  NOT NULL,
    cancelled       boolean      NOT NULL DEFAULT false
);
