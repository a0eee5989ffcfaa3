/**
 * Classes: providers (studios, gyms), their fitness classes and bookings. Its API for other
 * modules is {@link app.fitsocial.classes.ClassCatalog}.
 */
@NullMarked
package app.fitsocial.classes;

import org.jspecify.annotations.NullMarked;
