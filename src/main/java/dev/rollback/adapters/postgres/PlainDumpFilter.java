package dev.rollback.adapters.postgres;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a plain dump's SQL goes through on its way to psql's stdin, after decompression and before
 * the transaction wrapping of {@link PlainDumpInput}.
 *
 * <p>Two kinds: {@link #skipping} empties the lines a scan before the restore found unfit for a
 * scratch copy (the dump was read through once already); a filter that checks the dump while it
 * streams (the backup package's {@code StreamedDumpCheck}) throws {@link DumpRejected} from its
 * stream's {@code read} at the first bad line, before psql receives that line, and the restore is
 * then refused with that reason (exit 3) instead of failed.
 */
@FunctionalInterface
public interface PlainDumpFilter {
    /** The bytes psql gets, read from {@code sql}, the dump's decompressed bytes. */
    InputStream filter(InputStream sql) throws IOException;

    /** The {@code skip} lines reach psql empty, every other line as it is. */
    static PlainDumpFilter skipping(LinesToSkip skip) {
        return sql -> skip.isEmpty() ? sql : new SkippedLines(sql, skip);
    }
}
