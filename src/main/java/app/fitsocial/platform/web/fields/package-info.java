/**
 * Sparse field selection ({@code ?fields=}): parsed once per request into a {@code FieldSelection}
 * that handlers receive as an argument, applied to the response body.
 */
@NullMarked
package app.fitsocial.platform.web.fields;

import org.jspecify.annotations.NullMarked;
