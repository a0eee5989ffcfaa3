/**
 * SQL-side helpers and read replicas: {@code AfterCommit} (work that must see a write committed),
 * {@code LikePattern}, and routing of read-only transactions to replicas with read-your-writes
 * for a user who wrote recently ({@code ReadYourWritesFilter}, placed by the HTTP pipeline).
 */
@NullMarked
package app.fitsocial.platform.persistence;

import org.jspecify.annotations.NullMarked;
