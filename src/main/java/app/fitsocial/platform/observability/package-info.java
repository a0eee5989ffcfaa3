/**
 * Observability: SQL statement counting (total and per request), the slow-query log and metric
 * (datasource-proxy), and the one-line-per-request log written by Tomcat when a response is
 * complete. Metrics go to the one Micrometer registry scraped at {@code /actuator/prometheus},
 * every meter tagged {@code application}. See {@code docs/operations.md}.
 */
@NullMarked
package app.fitsocial.platform.observability;

import org.jspecify.annotations.NullMarked;
