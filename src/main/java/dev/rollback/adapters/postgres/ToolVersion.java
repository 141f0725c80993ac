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
    private static final Pattern MINOR = Pattern.compile("^\\d+\\.(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(\\S*)");

    /** Parses "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"; empty when not recognised. */
    static Optional<ToolVersion> parse(String versionOutput) {
        Matcher matcher = VERSION.matcher(versionOutput == null ? "" : versionOutput);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new ToolVersion(Integer.parseInt(matcher.group(1)), matcher.group(1) + matcher.group(2)));
    }

    /**
     * Whether this psql knows {@code \restrict}, which locks out every meta-command for the rest
     * of its input: the minor releases of 14 August 2025 added it (13.22, 14.19, 15.14, 16.10,
     * 17.6), and every release from 18 on has it.
     */
    boolean hasRestrictedMode() {
        if (major >= 18) {
            return true;
        }
        int[] firstWithIt = {22, 19, 14, 10, 6};
        if (major < 13) {
            return false;
        }
        Matcher minor = MINOR.matcher(text);
        return minor.find() && Integer.parseInt(minor.group(1)) >= firstWithIt[major - 13];
    }

    /** pg_dump refuses to dump a server newer than itself, so the tools' major must be at least the server's. */
    boolean canDump(int serverMajor) {
        return major >= serverMajor;
    }
}
