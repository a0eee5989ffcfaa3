package app.fitsocial.platform.web;

/** One entry of a problem's {@code errors[]}: which input was wrong and why. */
public record FieldError(String field, String message) {
}
