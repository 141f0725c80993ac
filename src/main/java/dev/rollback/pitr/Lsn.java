package dev.rollback.pitr;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rollback.core.RollbackException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in PostgreSQL's write-ahead log, as {@code pg_current_wal_lsn()} prints it ({@code 16/B374D848}):
 * the byte offset in the log. Ordered, so "the newest base backup that starts before the target" is a comparison.
 */
public record Lsn(long value) implements Comparable<Lsn> {
    private static final Pattern TEXT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    /** Parses PostgreSQL's {@code X/Y} form; exit 2 on anything else (the text may come from a file or a flag). */
    @JsonCreator
    public static Lsn parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw RollbackException.usage("not a WAL position (expected like 16/B374D848): " + text);
        }
        return new Lsn(Long.parseLong(m.group(1), 16) << 32 | Long.parseLong(m.group(2), 16));
    }

    /** Bytes of WAL from {@code earlier} to this position (negative when this one is earlier). */
    public long bytesAfter(Lsn earlier) {
        return value - earlier.value;
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return String.format("%X/%X", value >>> 32, value & 0xFFFFFFFFL);
    }
}
