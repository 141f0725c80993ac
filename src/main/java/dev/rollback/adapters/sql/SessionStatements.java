package dev.rollback.adapters.sql;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Transaction control and session settings that migration files often hold ({@code BEGIN;},
 * {@code START TRANSACTION;}, {@code SET lock_timeout = '5s';}) and that JSqlParser 5 does not
 * read. Recognised only in their exact short forms, so nothing else slips through as harmless.
 */
final class SessionStatements {
    private static final Set<List<String>> TRANSACTION = Set.of(
        List.of("BEGIN"), List.of("BEGIN", "WORK"), List.of("BEGIN", "TRANSACTION"),
        List.of("START", "TRANSACTION"), List.of("COMMIT"), List.of("END"), List.of("COMMIT", "WORK"));

    private SessionStatements() {
    }

    static Optional<SqlOperation> recognise(String statement) {
        List<String> words = Words.of(statement);
        if (TRANSACTION.contains(words)) {
            return Optional.of(SqlOperation.of(SqlKind.NO_CHANGE, null, null, "transaction control"));
        }
        boolean setting = words.size() >= 3 && words.get(0).equals("SET")
            && (words.get(2).equals("TO") || words.get(2).equals("=")) && words.get(1).matches("[A-Z_][A-Z0-9_.]*")
            && !words.get(1).equals("SESSION") && !words.get(1).equals("ROLE");
        if (setting) {
            return Optional.of(SqlOperation.of(SqlKind.NO_CHANGE, null, null, "session setting " + words.get(1).toLowerCase()));
        }
        return Optional.empty();
    }
}
