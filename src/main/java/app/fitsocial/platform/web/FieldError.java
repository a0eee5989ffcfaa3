package app.fitsocial.platform.web;

import org.springframework.modulith.NamedInterface;

/** One entry of a problem's {@code errors[]}: which input was wrong and why. */
@NamedInterface("web")
public record FieldError(String field, String message) {
}
