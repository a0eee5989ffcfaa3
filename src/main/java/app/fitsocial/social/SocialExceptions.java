package app.fitsocial.social;

import org.springframework.http.HttpStatus;

import app.fitsocial.platform.web.ProblemException;

/** The problems the social endpoints answer with. */
final class SocialExceptions {

    private SocialExceptions() {
    }

    static final class CannotFollowSelf extends ProblemException {
        CannotFollowSelf() {
            super(HttpStatus.BAD_REQUEST, "follow-self", "Cannot follow yourself", "You cannot follow yourself");
        }
    }

    static final class NotAuthor extends ProblemException {
        NotAuthor(long activityId) {
            super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Activity " + activityId + " is not yours");
        }
    }

    static final class NotGroupMember extends ProblemException {
        NotGroupMember(long groupId) {
            super(HttpStatus.FORBIDDEN, "not-group-member", "Not a group member",
                    "Join group " + groupId + " before posting to it");
        }
    }
}
