/**
 * Social: follows, activity posts, likes, comments and the home feed. Its API for other modules
 * is {@link app.fitsocial.social.FollowGraph}; it publishes {@link app.fitsocial.social.UserFollowed},
 * {@link app.fitsocial.social.UserUnfollowed}, {@link app.fitsocial.social.ActivityPosted},
 * {@link app.fitsocial.social.ActivityDeleted}, {@link app.fitsocial.social.ActivityLiked} and
 * {@link app.fitsocial.social.ActivityCommented}.
 */
@NullMarked
package app.fitsocial.social;

import org.jspecify.annotations.NullMarked;
