package app.fitsocial.social;

enum ActivityType {
    WORKOUT, CLASS_ATTENDED, ACHIEVEMENT, POST
}
