/**
 * Bean Validation constraints of the API's own (byte lengths where the storage needs them).
 */
@NullMarked
package app.fitsocial.platform.web.validation;

import org.jspecify.annotations.NullMarked;
