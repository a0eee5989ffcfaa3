/**
 * The OpenAPI document as a contract: springdoc's document completed with operation ids, the
 * security scheme, real success and problem responses, headers and schemas from the records.
 */
@NullMarked
package app.fitsocial.platform.web.openapi;

import org.jspecify.annotations.NullMarked;
