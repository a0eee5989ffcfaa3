package app.fitsocial.social;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.fields.FieldSelection;

@RestController
class FeedController {

    private final FeedService feed;

    FeedController(FeedService feed) {
        this.feed = feed;
    }

    @Operation(operationId = "getFeed")
    @GetMapping("/api/v1/social/feed")
    CursorPage<ActivityResponse> feed(CurrentUser me, @PageLimit(PageLimit.Size.HEAVY) PageQuery page,
            FieldSelection fields) {
        return feed.feed(me.id(), page, fields);
    }
}
