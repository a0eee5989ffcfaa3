package app.fitsocial.social;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.identity.PublicProfile;
import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.conditional.WritePreconditions;

@RestController
@RequestMapping("/api/v1/users/{id}")
class FollowsController {

    private final FollowService follows;

    FollowsController(FollowService follows) {
        this.follows = follows;
    }

    @Operation(operationId = "follow")
    @PostMapping("/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void follow(CurrentUser me, @PathVariable long id) {
        follows.follow(me.id(), id);
    }

    @Operation(operationId = "unfollow")
    @DeleteMapping("/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfollow(CurrentUser me, @PathVariable long id, WritePreconditions preconditions) {
        follows.unfollow(me.id(), id, preconditions);
    }

    @Operation(operationId = "listFollowers")
    @GetMapping("/followers")
    CursorPage<PublicProfile> followers(@PathVariable long id, PageQuery page) {
        return follows.list(id, true, page);
    }

    @Operation(operationId = "listFollowing")
    @GetMapping("/following")
    CursorPage<PublicProfile> following(@PathVariable long id, PageQuery page) {
        return follows.list(id, false, page);
    }
}
