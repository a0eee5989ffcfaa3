package app.fitsocial.identity;

/** A user's self-declared fitness level. */
public enum FitnessLevel {
    BEGINNER, INTERMEDIATE, ADVANCED
}
