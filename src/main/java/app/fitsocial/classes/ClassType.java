package app.fitsocial.classes;

/** The kind of a fitness class. */
public enum ClassType {
    YOGA, PILATES, HIIT, SPINNING, STRENGTH, CROSSFIT, BOXING, DANCE, RUNNING, SWIMMING, BARRE, STRETCHING
}
