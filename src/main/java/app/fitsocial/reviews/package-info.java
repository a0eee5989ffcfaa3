/**
 * Reviews of classes and the rating aggregates of classes and providers. It uses the classes
 * module's {@link app.fitsocial.classes.ClassCatalog} (attendance, class facts, rating read copies)
 * and identity's {@link app.fitsocial.identity.UserDirectory} (author names); nothing depends on it.
 */
@NullMarked
package app.fitsocial.reviews;

import org.jspecify.annotations.NullMarked;
