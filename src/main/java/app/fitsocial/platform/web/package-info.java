@NullMarked
package app.fitsocial.platform.web;

import org.jspecify.annotations.NullMarked;
