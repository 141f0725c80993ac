package dev.rollback.adapters.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * pg_dump's own {@code \restrict} lines and their closing lines in a dump, as the scan before a restore finds them:
 * for tests that call the adapter directly with real pg_dump output (the restore sets its own key
 * and refuses the dump's).
 */
final class KeyLines {
    private KeyLines() {
    }

    static LinesToSkip of(Path dump) {
        LinesToSkip skip = new LinesToSkip();
        try (InputStream file = Files.newInputStream(dump);
             InputStream in = dump.toString().endsWith(".gz") ? new GZIPInputStream(file) : file;
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            long number = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                number++;
                if (line.startsWith("\\restrict ") || line.startsWith("\\unrestrict ")) {
                    skip.add(number, number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return skip;
    }
}
