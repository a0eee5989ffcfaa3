@NullMarked
package app.fitsocial.platform.security;

import org.jspecify.annotations.NullMarked;
