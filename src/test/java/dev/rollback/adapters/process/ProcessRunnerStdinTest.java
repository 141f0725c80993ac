package dev.rollback.adapters.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerStdinTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void streamsTheSourceIntoStdinAndClosesIt() {
        String text = "line\n".repeat(100_000); // larger than a pipe buffer: needs real streaming

        ProcessResult result = runner.run(ProcessSpec.of(List.of("wc", "-c"), TIMEOUT)
            .stdinFrom(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().strip()).isEqualTo(String.valueOf(text.length()));
    }

    /** A process that saw its input end early may exit 0; the run must still fail. */
    @Test
    void aSourceThatBreaksFailsTheRunWhateverTheExitCode() {
        StdinSource breaking = () -> new SequenceInputStream(
            new ByteArrayInputStream("partial\n".getBytes(StandardCharsets.UTF_8)), failing("disk read error"));

        assertThatThrownBy(() -> runner.run(ProcessSpec.of(List.of("cat"), TIMEOUT).stdinFrom(breaking)))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).isEqualTo("cat did not get all of its input: disk read error");
            });
    }

    @Test
    void aSourceThatCannotBeOpenedFailsTheRun() {
        StdinSource missing = () -> {
            throw new IOException("no such dump");
        };

        assertThatThrownBy(() -> runner.run(ProcessSpec.of(List.of("cat"), TIMEOUT).stdinFrom(missing)))
            .isInstanceOfSatisfying(RollbackException.class,
                e -> assertThat(e.getMessage()).endsWith("did not get all of its input: no such dump"));
    }

    /** A process that stops reading (psql at its first error) is not an input failure; its exit code tells. */
    @Test
    void aProcessThatStopsReadingEarlyIsJudgedByItsExitCode() {
        byte[] big = new byte[8 * 1024 * 1024];

        ProcessResult result = runner.run(ProcessSpec.of(List.of("sh", "-c", "head -c 10 >/dev/null; exit 3"), TIMEOUT)
            .stdinFrom(() -> new ByteArrayInputStream(big)));

        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void aSpecHasEitherAStdinFileOrAStream() {
        ProcessSpec spec = ProcessSpec.of(List.of("cat"), TIMEOUT).stdinFrom(java.nio.file.Path.of("/dev/null"))
            .stdinFrom(() -> InputStream.nullInputStream());

        assertThat(spec.stdinFile()).isNull();
        assertThat(spec.stdinSource()).isNotNull();
    }

    private static InputStream failing(String message) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException(message);
            }
        };
    }
}
