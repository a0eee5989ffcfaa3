/**
 * The HTTP edge: {@link app.fitsocial.platform.web.HttpPipeline} (every filter and valve, in
 * order), {@link app.fitsocial.platform.web.ProblemWriter} (every error body) with the exception
 * handler and error controller that feed it, pagination ({@code PageQuery}, {@code Cursor},
 * {@code CursorPage}, next-page links), JSON input rules, client addresses behind trusted proxies
 * and request ids. Sub-packages: {@code conditional} (ETags, 304s, preconditions), {@code fields}
 * ({@code ?fields=}), {@code idempotency} ({@code Idempotency-Key}), {@code openapi} (the OpenAPI
 * document), {@code validation}.
 */
@NullMarked
package app.fitsocial.platform.web;

import org.jspecify.annotations.NullMarked;
