/**
 * Messaging: one-to-one conversations and their messages. It publishes
 * {@link app.fitsocial.messaging.MessageSent}; nothing else in it is API.
 */
@NullMarked
package app.fitsocial.messaging;

import org.jspecify.annotations.NullMarked;
