package app.fitsocial.platform.web;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * One input of a request is wrong in a way only the code can tell (not a bean-validation
 * constraint): answered as the same 400 {@code validation} problem, naming the field in {@code errors[]}.
 */
@NamedInterface("web")
public class InvalidFieldException extends ProblemException {

    public InvalidFieldException(String field, String message) {
        super(validation(List.of(new FieldError(field, message))));
    }
}
