package app.fitsocial.groups;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import app.fitsocial.identity.PublicProfile;
import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.conditional.VersionTagged;
import app.fitsocial.platform.web.conditional.WritePreconditions;

@RestController
@RequestMapping("/api/v1/groups")
class GroupsController {

    private final GroupService groups;

    GroupsController(GroupService groups) {
        this.groups = groups;
    }

    record NewGroupRequest(
            @NotBlank @CodePointLength(max = 80) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @CodePointLength(max = 1000) @Nullable String description) {
    }

    @ResponseStatus(HttpStatus.CREATED) // what the document says; the ResponseEntity sets it too
    @Operation(operationId = "createGroup")
    @PostMapping
    ResponseEntity<GroupResponse> create(CurrentUser me, @Valid @RequestBody NewGroupRequest request) {
        GroupResponse group = groups.create(me.id(), request.name(), request.description());
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(group.id()).toUri();
        return ResponseEntity.created(location).body(group);
    }

    @Operation(operationId = "searchGroups")
    @GetMapping
    CursorPage<GroupResponse> search(CurrentUser me, @RequestParam(required = false) @CodePointLength(min = 1, max = 80) @Nullable String q,
            PageQuery page) {
        return groups.search(q, me.id(), page);
    }

    @Operation(operationId = "getGroup")
    @GetMapping("/{id}")
    @VersionTagged("group:{id}")
    Versioned<GroupResponse> get(CurrentUser me, @PathVariable long id) {
        return groups.find(id, me.id());
    }

    @Operation(operationId = "joinGroup")
    @PostMapping("/{id}/members")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void join(CurrentUser me, @PathVariable long id) {
        groups.join(id, me.id());
    }

    @Operation(operationId = "leaveGroup")
    @DeleteMapping("/{id}/members")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(CurrentUser me, @PathVariable long id, WritePreconditions preconditions) {
        groups.leave(id, me.id(), preconditions);
    }

    @Operation(operationId = "listGroupMembers")
    @GetMapping("/{id}/members")
    CursorPage<PublicProfile> members(@PathVariable long id, PageQuery page) {
        return groups.members(id, page);
    }
}
