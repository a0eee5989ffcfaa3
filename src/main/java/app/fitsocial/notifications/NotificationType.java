package app.fitsocial.notifications;

enum NotificationType {
    NEW_FOLLOWER, MESSAGE, LIKE, COMMENT, BOOKING_REMINDER
}
