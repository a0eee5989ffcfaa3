package app.fitsocial.classes;

import java.time.Clock;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import io.swagger.v3.oas.annotations.Operation;
import org.hibernate.validator.constraints.CodePointLength;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.InvalidRequestException;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.InvalidFieldException;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.VersionTagged;

@RestController
@RequestMapping("/api/v1/classes")
class ClassesController {

    private final ClassQueries queries;
    private final ClassCache classes;
    private final ClassPublisher publisher;
    private final Clock clock;

    ClassesController(ClassQueries queries, ClassCache classes, ClassPublisher publisher, Clock clock) {
        this.classes = classes;
        this.queries = queries;
        this.publisher = publisher;
        this.clock = clock;
    }

    record NewClassRequest(
            @Positive @Nullable Long providerId,
            @NotBlank @CodePointLength(max = 120) String title,
            @NotNull ClassType type,
            @NotNull @Future Instant datetime,
            @NotNull @Min(5) @Max(600) Integer durationMinutes,
            @NotNull @Min(1) @Max(10000) Integer capacity,
            @CodePointLength(min = 1, max = 100) @Nullable String city) {
    }

    /** Classes from {@code from} (default: the current minute) to {@code to}, in time order. */
    @Operation(operationId = "listClasses")
    @GetMapping
    CursorPage<ClassResponse> list(@RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Positive @Nullable Long provider,
            @RequestParam(required = false) @Nullable ClassType type,
            @RequestParam(required = false) @CodePointLength(min = 1, max = 100) @Nullable String city,
            PageQuery page) {
        // "now" to the minute, so that listings without from share cache entries for a minute
        Instant start = from == null ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES) : from;
        if (to != null && !to.isAfter(start)) {
            throw new InvalidRequestException("to must be later than from");
        }
        return classes.list(new ClassFilter(start, to, provider, type, city), page);
    }

    @Operation(operationId = "getFitnessClass")
    @GetMapping("/{id}")
    @VersionTagged("class:{id}")
    Versioned<ClassResponse> get(@PathVariable long id) {
        return classes.find(id).orElseThrow(() -> new ResourceNotFoundException("Class", id));
    }

    /** How far ahead a class may be published: further is a typo (a year 2062 for 2026), not a plan. */
    static final java.time.Period PUBLISHING_HORIZON = java.time.Period.ofYears(2);

    @ResponseStatus(HttpStatus.CREATED) // what the document says; the ResponseEntity sets it too
    @Operation(operationId = "createClass")
    @PostMapping
    ResponseEntity<ClassResponse> create(CurrentUser me, @Valid @RequestBody NewClassRequest request) {
        if (request.datetime().isAfter(clock.instant().atZone(java.time.ZoneOffset.UTC).plus(PUBLISHING_HORIZON).toInstant())) {
            throw new InvalidFieldException("datetime", "must be within two years from now");
        }
        long id = publisher.publish(me, request);
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
        return ResponseEntity.created(location).body(queries.find(id).orElseThrow().value());
    }
}
