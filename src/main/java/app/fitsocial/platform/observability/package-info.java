@NullMarked
package app.fitsocial.platform.observability;

import org.jspecify.annotations.NullMarked;
