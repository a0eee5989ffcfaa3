package app.fitsocial.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.modulith.NamedInterface;

/** A request that is well-formed JSON but asks for something that cannot be done as asked. */
@NamedInterface("web")
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }
}
