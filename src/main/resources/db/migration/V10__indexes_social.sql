-- Performance indexes of social, groups, messaging and notifications (all idx_*, droppable
-- for a baseline benchmark; uniqueness stays with the tables).

-- seed: follows(follower_id), follows(following_id); with id they also give keyset order
CREATE INDEX idx_follows_follower ON follows (follower_id, id);
CREATE INDEX idx_follows_following ON follows (following_id, id);

-- one author's activity newest first, a group's activity newest first
CREATE INDEX idx_activities_author ON activities (author_id, id DESC);
CREATE INDEX idx_activities_group ON activities (group_id, id DESC) WHERE group_id IS NOT NULL;
CREATE INDEX idx_activity_likes_user ON activity_likes (user_id, activity_id);
CREATE INDEX idx_activity_comments_activity ON activity_comments (activity_id, id);

CREATE INDEX idx_groups_name_prefix ON groups ((lower(name) COLLATE "C"), id);
CREATE INDEX idx_group_members_group ON group_members (group_id, id);
CREATE INDEX idx_group_members_user ON group_members (user_id, group_id);

-- seed: messages(conversation_id, sent_at)
CREATE INDEX idx_messages_conversation_sent ON messages (conversation_id, sent_at DESC, id DESC);
CREATE INDEX idx_participants_user_recent ON conversation_participants (user_id, last_message_at DESC, conversation_id DESC);

CREATE INDEX idx_notifications_user ON notifications (user_id, id DESC);
CREATE INDEX idx_notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;

-- partner matching: candidates near a point
CREATE INDEX idx_users_location ON users (latitude, longitude) WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
CREATE INDEX idx_users_city ON users ((lower(city)), id);
CREATE INDEX idx_users_interests ON users USING gin (interests);
