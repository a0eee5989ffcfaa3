package app.fitsocial.reviews;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.jobrunr.jobs.JobId;
import org.jobrunr.scheduling.JobScheduler;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Lets an operator (ADMIN) run the rating aggregation now instead of waiting for its period. */
@RestController
class RatingAggregationController {

    private final JobScheduler jobs;
    private final RatingAggregation aggregation;

    RatingAggregationController(JobScheduler jobs, RatingAggregation aggregation) {
        this.jobs = jobs;
        this.aggregation = aggregation;
    }

    /** Queues one run of the job; 202 with the job's id (follow it in the jobs dashboard). */
    @Operation(operationId = "recomputeRatings")
    @PostMapping("/api/v1/admin/jobs/rating-aggregation")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> trigger() {
        JobId id = jobs.enqueue(() -> aggregation.run());
        return Map.of("jobId", id.toString());
    }
}
