package app.fitsocial.groups;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

record GroupResponse(long id, String name, @Nullable String description, long ownerId, long membersCount,
        boolean joinedByMe, Instant createdAt) {
}
