/**
 * Matching: workout-partner suggestions scored from shared interests, fitness level, distance
 * and classes booked in common. See {@code docs/matching.md}. Nothing depends on it.
 */
@NullMarked
package app.fitsocial.matching;

import org.jspecify.annotations.NullMarked;
