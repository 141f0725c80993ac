package dev.rollback.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle's last pass, without Docker: the tool's own secrets echoed by a failing adapter's
 * message and sitting in collected files (the journal, /proc/meminfo here) are replaced in every
 * file and in the report, and the bundle is owner-only.
 */
class IncidentStepTest {
    private static final String PASSWORD = "pw-unit-Sentinel-7";
    private static final String TOKEN = "ghp_unitSentinelToken";

    @TempDir
    Path dir;

    @Test
    void toolSecretsAreReplacedInEveryFileAndInTheReportAndTheBundleIsOwnerOnly() throws IOException {
        Path stateDir = Files.createDirectories(dir.resolve("state"));
        Files.writeString(stateDir.resolve("journal.jsonl"), "{\"command\":\"backup\",\"note\":\"with " + PASSWORD + "\"}\n");
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal: 1024 kB\nToken: " + TOKEN + "\n");
        RuntimeException echoing = RollbackException.unreachable("daemon said: bad token " + TOKEN, null);
        IncidentSources sources = new IncidentSources("unitstack", () -> { throw echoing; }, () -> { throw echoing; },
            () -> { throw echoing; }, () -> { throw echoing; },
            () -> { throw RollbackException.unreachable("password " + PASSWORD + " refused", null); },
            List::of, stateDir, List.of(dir), meminfo, List.of(PASSWORD, TOKEN, "abc"));
        Path backups = Files.createDirectories(dir.resolve("backups"));

        Report report = new Executor(stateDir, (command, destructive, answer) -> true, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(IncidentPlan.build(sources, new BackupStore(backups, Clock.systemUTC()), Clock.systemUTC()),
            new Executor.Options(false, true));

        assertThat(report.exitCode()).isZero();
        Path bundle = Path.of(report.result().get(IncidentStep.BUNDLE_RESULT).toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle))).isEqualTo("rw-------");
        String content = unpacked(bundle);
        assertThat(content).contains("summary.md", "journal-tail.jsonl", "memory.txt", "Token: <redacted>",
            "\"note\":\"with <redacted>\"", "bad token <redacted>", "password <redacted> refused")
            .doesNotContain(PASSWORD).doesNotContain(TOKEN);
        assertThat(report.result().get(IncidentStep.MISSING_RESULT).toString())
            .contains("<redacted>").doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    /** Every entry's name and content, as one text. */
    private static String unpacked(Path bundle) throws IOException {
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(bundle))) {
            tar = in.readAllBytes();
        }
        List<String> parts = new ArrayList<>();
        for (int at = 0; at + 512 <= tar.length; ) {
            String name = new String(tar, at, 100, StandardCharsets.US_ASCII).replace("\0", "");
            if (name.isEmpty()) {
                break;
            }
            int size = Integer.parseInt(new String(tar, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(tar, at + 512, size);
            parts.add(name + "\n" + body.toString(StandardCharsets.UTF_8));
            at += 512 + (size + 511) / 512 * 512;
        }
        return String.join("\n", parts);
    }
}
