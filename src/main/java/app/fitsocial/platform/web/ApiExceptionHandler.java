package app.fitsocial.platform.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} answer with a stable
 * {@code type}, a human {@code title} and, for validation failures, {@code errors[]}.
 * No exception class name, SQL or stack trace ever reaches the client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), messageOf(e.getDefaultMessage())))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return validationProblem(errors, headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(parameterName(result), messageOf(error.getDefaultMessage()))))
                .toList();
        return validationProblem(errors, headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                cause = t;
                break;
            }
        }
        if (cause instanceof UnrecognizedPropertyException unknown && !unknown.getPath().isEmpty()) {
            return validationProblem(List.of(new FieldError(pathOf(unknown), "is not a field of this request")), headers);
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = pathOf(mismatch);
            // text a textual field cannot take (an unknown enum name, a malformed time) is an
            // invalid value; any other JSON type than the field's ("4" or 4.9 for a whole number,
            // true for text) is the wrong type
            String message = mismatch instanceof InvalidFormatException invalid && invalid.getValue() instanceof String
                    && readFromText(invalid.getTargetType())
                    ? "has an invalid value" + allowedValues(invalid.getTargetType())
                    : "has the wrong type; expected " + describe(mismatch.getTargetType());
            return validationProblem(List.of(new FieldError(field, message)), headers);
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return validationProblem(List.of(new FieldError(pathOf(databind), "has an invalid value")), headers);
        }
        if (cause instanceof InputCoercionException outOfRange) {
            // valid JSON, a number too large for its field
            return validationProblem(List.of(new FieldError(fieldAt(outOfRange),
                    "is out of range; expected " + describe(outOfRange.getTargetType()))), headers);
        }
        if (cause instanceof StreamReadException repeated && repeated.getOriginalMessage() != null
                && repeated.getOriginalMessage().startsWith("Duplicate")) {
            // STRICT_DUPLICATE_DETECTION (WebConfiguration)
            return validationProblem(List.of(new FieldError(fieldAt(repeated), "appears more than once")), headers);
        }
        String detail = cause instanceof MismatchedInputException
                ? "The request body must be a JSON object"
                : cause instanceof JacksonException || ex.getMessage().startsWith("JSON parse error")
                        ? "The request body is not valid JSON"
                        : "The request body is missing or unreadable";
        ProblemDetail problem = ProblemException.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : String.valueOf(ex.getPropertyName());
        String message = "has an invalid value" + allowedValues(ex.getRequiredType());
        return validationProblem(List.of(new FieldError(name, message)), headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return validationProblem(List.of(new FieldError(ex.getParameterName(), "is required")), headers);
    }

    /** An unknown path: Spring MVC's static-resource handler found nothing there either. */
    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemException.ofStatus(HttpStatus.NOT_FOUND,
                "There is no resource at /" + ex.getResourcePath());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(headers).body(problem);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
        ProblemDetail problem = ProblemException.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                "A valid bearer access token is required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem);
    }

    @ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
    ResponseEntity<ProblemDetail> forbidden(RuntimeException ex) {
        ProblemDetail problem = ProblemException.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You are not allowed to do this");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    /**
     * A query string Tomcat could not decode (a {@code %} not followed by two hex digits, bytes
     * that are not UTF-8): it throws on the first read of any parameter.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableQuery(RuntimeException ex) {
        ProblemDetail problem = ProblemException.problem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query string",
                "The query string is not valid percent-encoded UTF-8 (RFC 3986)");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflict(DataIntegrityViolationException ex) {
        if (isDataException(ex)) {
            // SQL state class 22 (a value out of range, too long, not valid in the encoding): the
            // request's fault, not a conflict with the resource's state
            log.info("Value refused by the database: {}", ex.getMostSpecificCause().getMessage());
            return ResponseEntity.badRequest().body(ProblemException.problem(HttpStatus.BAD_REQUEST, "invalid-value",
                    "Invalid value", "A value in the request is outside what the service can store"));
        }
        log.info("Write refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemException.problem(HttpStatus.CONFLICT, "conflict", "Conflict",
                "The request conflicts with the current state of the resource");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** Whether the database refused a value itself (SQL state class 22, "data exception"). */
    static boolean isDataException(Throwable failure) {
        return causedBy(failure, cause -> cause instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22"));
    }

    /** Whether the failure or anything in its chain of causes is one the test accepts. */
    private static boolean causedBy(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A data store that cannot be reached in time: the pool had no connection within its timeout
     * (JDBC or when a JPA transaction opens), the server is down, or a query timed out.
     */
    @ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class, QueryTimeoutException.class, SQLTransientConnectionException.class })
    ResponseEntity<ProblemDetail> unavailable(Exception ex) {
        log.warn("Data store unavailable: {}", ex.getMessage());
        return unavailableProblem();
    }

    private static ResponseEntity<ProblemDetail> unavailableProblem() {
        ProblemDetail problem = ProblemException.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "Service temporarily unavailable", "The service cannot reach its data store right now; retry shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (ex instanceof ErrorResponse errorResponse) {
            return ResponseEntity.status(errorResponse.getStatusCode()).body(errorResponse.getBody());
        }
        if (lostDatabaseConnection(ex)) {
            log.warn("Database connection lost during the request: {}", ex.getMessage());
            return unavailableProblem();
        }
        log.error("Unexpected error", ex);
        ProblemDetail problem = ProblemException.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "An unexpected error occurred; it has been logged");
        return ResponseEntity.internalServerError().body(problem);
    }

    /**
     * Whether a failure was the database going away under a running request (a connection broken
     * mid-transaction surfaces as whatever the ORM was doing): SQL state class 08 (connection
     * exception) or 57P01-57P03 (server shutting down or starting), or a transaction that could
     * not begin, commit or roll back against its connection (the pool closes a broken connection,
     * and the original failure is replaced by the failed rollback). Never acknowledged, so 503.
     */
    static boolean lostDatabaseConnection(Throwable failure) {
        return causedBy(failure, cause -> cause instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))
                || cause instanceof org.hibernate.TransactionException);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemException.typeOf(statusCode));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> validationProblem(List<FieldError> errors, HttpHeaders headers) {
        return ResponseEntity.badRequest().headers(headers).body(ProblemException.validation(errors));
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        var requestParam = result.getMethodParameter().getParameterAnnotation(
                org.springframework.web.bind.annotation.RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        return name == null ? "parameter" : name;
    }

    /** The field the parser stood on when it failed (it still knows, unlike a databind path); {@code body} at the top. */
    private static String fieldAt(StreamReadException failure) {
        JsonParser parser = failure.processor();
        return parser != null && parser.currentName() != null ? parser.currentName() : "body";
    }

    /** Whether JSON gives values of this type as strings. */
    private static boolean readFromText(@Nullable Class<?> type) {
        return type != null && (type == String.class || type.isEnum()
                || java.time.temporal.Temporal.class.isAssignableFrom(type));
    }

    private static String pathOf(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (var ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            }
            else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String messageOf(@Nullable String message) {
        return message == null ? "is invalid" : message;
    }

    private static String allowedValues(@Nullable Class<?> type) {
        if (type != null && type.isEnum()) {
            String values = java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return "; expected one of " + values;
        }
        return type == null ? "" : "; expected " + describe(type);
    }

    private static String describe(@Nullable Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time such as 2026-11-28T15:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }
}
