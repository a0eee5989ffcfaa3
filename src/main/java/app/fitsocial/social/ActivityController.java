package app.fitsocial.social;

import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.fitsocial.groups.GroupDirectory;
import app.fitsocial.identity.UserDirectory;
import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.WritePreconditions;
import app.fitsocial.platform.web.fields.FieldSelection;

@RestController
@RequestMapping("/api/v1")
class ActivityController {

    private final ActivityService activities;
    private final ActivityQueries queries;
    private final UserDirectory users;
    private final GroupDirectory groups;

    ActivityController(ActivityService activities, ActivityQueries queries, UserDirectory users, GroupDirectory groups) {
        this.activities = activities;
        this.queries = queries;
        this.users = users;
        this.groups = groups;
    }

    record NewActivityRequest(@NotNull ActivityType type, @CodePointLength(max = 2000) @Nullable String text,
            @Positive @Nullable Long classId, @Positive @Nullable Long groupId,
            @Min(1) @Max(1440) @Nullable Integer durationMinutes) {
    }

    record NewCommentRequest(@NotBlank @CodePointLength(max = 1000) String text) {
    }

    @ResponseStatus(HttpStatus.CREATED) // what the document says; the ResponseEntity sets it too
    @Operation(operationId = "postActivity")
    @PostMapping("/social/activity")
    ResponseEntity<ActivityResponse> post(CurrentUser me, @Valid @RequestBody NewActivityRequest request) {
        long id = activities.post(me.id(), new ActivityService.NewActivity(request.type(), request.text(),
                request.classId(), request.groupId(), request.durationMinutes()));
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
        return ResponseEntity.created(location).body(get(me, id, FieldSelection.ALL));
    }

    @Operation(operationId = "getActivity")
    @GetMapping("/social/activity/{id}")
    ActivityResponse get(CurrentUser me, @PathVariable long id, FieldSelection fields) {
        ActivityResponse activity = queries.find(id, me.id(), fields);
        if (activity == null) {
            throw new ResourceNotFoundException("Activity", id);
        }
        return activity;
    }

    @Operation(operationId = "deleteActivity")
    @DeleteMapping("/social/activity/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(CurrentUser me, @PathVariable long id, WritePreconditions preconditions) {
        activities.delete(me.id(), id, preconditions);
    }

    @Operation(operationId = "likeActivity")
    @PostMapping("/social/activity/{id}/likes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void like(CurrentUser me, @PathVariable long id) {
        activities.like(me.id(), id);
    }

    @Operation(operationId = "unlikeActivity")
    @DeleteMapping("/social/activity/{id}/likes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlike(CurrentUser me, @PathVariable long id, WritePreconditions preconditions) {
        activities.unlike(me.id(), id, preconditions);
    }

    @Operation(operationId = "commentOnActivity")
    @PostMapping("/social/activity/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    CommentResponse comment(CurrentUser me, @PathVariable long id, @Valid @RequestBody NewCommentRequest request) {
        ActivityService.StoredComment stored = activities.comment(me.id(), id, request.text());
        return new CommentResponse(stored.id(), id, users.summaries(java.util.List.of(me.id())).get(me.id()),
                request.text().strip(), stored.createdAt());
    }

    @Operation(operationId = "listComments")
    @GetMapping("/social/activity/{id}/comments")
    CursorPage<CommentResponse> comments(@PathVariable long id, PageQuery page) {
        CursorPage<CommentResponse> comments = queries.comments(id, page);
        if (comments.items().isEmpty() && page.cursor() == null && !queries.exists(id)) {
            throw new ResourceNotFoundException("Activity", id);
        }
        return comments;
    }

    @Operation(operationId = "listActivityByUser")
    @GetMapping("/users/{id}/activity")
    CursorPage<ActivityResponse> byUser(CurrentUser me, @PathVariable long id,
            @PageLimit(PageLimit.Size.HEAVY) PageQuery page, FieldSelection fields) {
        if (!users.exists(id)) {
            throw new ResourceNotFoundException("User", id);
        }
        return queries.byAuthor(id, me.id(), page, fields);
    }

    @Operation(operationId = "listActivityByGroup")
    @GetMapping("/groups/{id}/activity")
    CursorPage<ActivityResponse> byGroup(CurrentUser me, @PathVariable long id,
            @PageLimit(PageLimit.Size.HEAVY) PageQuery page, FieldSelection fields) {
        if (!groups.exists(id)) {
            throw new ResourceNotFoundException("Group", id);
        }
        return queries.byGroup(id, me.id(), page, fields);
    }
}
