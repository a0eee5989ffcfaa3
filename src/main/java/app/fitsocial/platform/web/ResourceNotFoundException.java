package app.fitsocial.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.modulith.NamedInterface;

/** A resource named by the request does not exist (or is not visible to the caller). */
@NamedInterface("web")
public class ResourceNotFoundException extends ProblemException {

    public ResourceNotFoundException(String resource, Object id) {
        super(HttpStatus.NOT_FOUND, "not-found", "Resource not found", resource + " " + id + " was not found");
    }
}
