@NullMarked
package app.fitsocial.platform.persistence;

import org.jspecify.annotations.NullMarked;
