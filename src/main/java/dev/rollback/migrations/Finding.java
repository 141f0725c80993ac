package dev.rollback.migrations;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One classified operation of a migration statement.
 *
 * @param line      where the statement starts in its file
 * @param changeset the Liquibase changeset ({@code author:id}), or null
 * @param kind      what it does, e.g. {@code drop-column}, {@code create-index}, {@code unparsable}
 * @param sql       the statement on one line (shortened)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(int line, String changeset, String kind, Verdict verdict, String reason, String sql) {
}
