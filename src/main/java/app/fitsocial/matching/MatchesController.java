package app.fitsocial.matching;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageLimit;
import app.fitsocial.platform.web.PageQuery;

@RestController
class MatchesController {

    private final MatchingService matching;

    MatchesController(MatchingService matching) {
        this.matching = matching;
    }

    @Operation(operationId = "listMatches")
    @GetMapping("/api/v1/matches")
    CursorPage<MatchResponse> matches(CurrentUser me, @PageLimit(PageLimit.Size.HEAVY) PageQuery page) {
        return matching.matches(me.id(), page);
    }
}
