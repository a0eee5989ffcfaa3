package app.fitsocial.identity;

import java.time.Clock;
import java.util.List;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.fitsocial.platform.persistence.LikePattern;
import app.fitsocial.platform.security.CurrentUser;
import app.fitsocial.platform.versions.Versioned;
import app.fitsocial.platform.versions.Versions;
import app.fitsocial.platform.web.Cursor;
import app.fitsocial.platform.web.CursorPage;
import app.fitsocial.platform.web.PageQuery;
import app.fitsocial.platform.web.ResourceNotFoundException;
import app.fitsocial.platform.web.conditional.VersionTagged;
import app.fitsocial.platform.web.conditional.WritePreconditions;

@RestController
@RequestMapping("/api/v1/users")
class UsersController {

    private final UserRepository users;
    private final PublicProfiles profiles;
    private final ApplicationEventPublisher events;
    private final Versions versions;
    private final Clock clock;

    UsersController(UserRepository users, PublicProfiles profiles, ApplicationEventPublisher events, Versions versions,
            Clock clock) {
        this.users = users;
        this.profiles = profiles;
        this.events = events;
        this.versions = versions;
        this.clock = clock;
    }

    @Operation(operationId = "getMe")
    @GetMapping("/me")
    @VersionTagged("user:{me}")
    Versioned<UserProfileResponse> me(CurrentUser me) {
        User user = load(me.id());
        return new Versioned<>(UserProfileResponse.from(user), user.version());
    }

    @Operation(operationId = "updateMe")
    @PatchMapping("/me")
    @Transactional
    UserProfileResponse updateMe(CurrentUser me, @Valid @RequestBody ProfileChanges changes,
            WritePreconditions preconditions) {
        User user = users.findByIdForUpdate(me.id()).orElseThrow(() -> new ResourceNotFoundException("User", me.id()));
        preconditions.checkVersion(PublicProfiles.resource(user.id()), user.version());
        user.update(changes, clock.instant());
        User saved = users.saveAndFlush(user);
        versions.changed(PublicProfiles.resource(saved.id()), saved.version());
        events.publishEvent(new ProfileChanged(saved.id()));
        return UserProfileResponse.from(saved);
    }

    @Operation(operationId = "getUserProfile")
    @GetMapping("/{id}")
    @VersionTagged("user:{id}")
    Versioned<PublicProfile> profile(@PathVariable long id) {
        Versioned<PublicProfile> profile = profiles.of(id);
        if (profile == null) {
            throw new ResourceNotFoundException("User", id);
        }
        return profile;
    }

    /**
     * Users whose display name starts with {@code q}, compared by search key (NFC, Unicode
     * lower case, ß as ss: {@code V17__search_keys.sql}), in key order.
     */
    @Operation(operationId = "searchUsers")
    @GetMapping
    CursorPage<PublicProfile> search(@RequestParam @CodePointLength(min = 1, max = 50) String q, PageQuery page) {
        String prefix = LikePattern.startingWith(q.strip());
        List<User> rows;
        if (page.cursor() == null) {
            rows = users.searchByDisplayName(prefix, page.fetchSize());
        }
        else {
            Cursor.TextId after = Cursor.decodeText(page.cursor());
            rows = users.searchByDisplayNameAfter(prefix, after.text(), after.id(), page.fetchSize());
        }
        // the cursor keeps the name as stored; PostgreSQL folds both sides to their search keys
        return CursorPage.of(rows, page, user -> Cursor.ofText(user.displayName(), user.id()))
                .map(PublicProfile::from);
    }

    private User load(long id) {
        return users.findById(id).orElseThrow(() -> new ResourceNotFoundException("User", id));
    }
}
