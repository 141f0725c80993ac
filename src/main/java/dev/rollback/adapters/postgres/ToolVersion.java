package dev.rollback.adapters.postgres;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client tool's version as printed by {@code pg_dump --version}, e.g. "15.18" with major 15.
 * Since PostgreSQL 10 the first number is the major version; for 9.x the major is reported as 9,
 * which is what the JDBC driver reports for such servers too, so comparisons stay consistent.
 */
record ToolVersion(int major, String text) {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(\\S*)");

    /** Parses "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"; empty when not recognised. */
    static Optional<ToolVersion> parse(String versionOutput) {
        Matcher matcher = VERSION.matcher(versionOutput == null ? "" : versionOutput);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new ToolVersion(Integer.parseInt(matcher.group(1)), matcher.group(1) + matcher.group(2)));
    }

    /** pg_dump refuses to dump a server newer than itself, so the tools' major must be at least the server's. */
    boolean canDump(int serverMajor) {
        return major >= serverMajor;
    }
}
