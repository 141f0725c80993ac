package dev.rollback.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state-dir lock: a kernel lock, refused at once while held (in this JVM or by another process),
 * naming its holder when the file says who it is, and free the moment its holder is gone.
 */
class StateLockTest {
    @TempDir
    Path stateDir;

    @Test
    void aSecondRunInTheSameProcessIsRefusedNamingTheHolder() throws IOException {
        try (StateLock held = StateLock.acquire(stateDir, "db-restore")) {
            assertThatThrownBy(() -> StateLock.acquire(stateDir, "backup"))
                .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessageContaining("another rollback run holds the lock " + stateDir.resolve("lock"))
                .hasMessageContaining("pid " + Identity.pid() + " (" + Identity.user() + "@" + Identity.host()
                    + ", db-restore since ")
                .hasMessageNotContaining("\n");
        }
        assertThat(Files.readString(stateDir.resolve("lock"))).contains("\"command\":\"db-restore\"");
    }

    @Test
    void theSameFileLockedThroughAnotherNameIsRefusedAndKeepsHolding() throws Exception {
        Path alias = Files.createDirectory(stateDir.resolve("alias"));
        try (StateLock held = StateLock.acquire(stateDir, "db-restore")) {
            Files.createLink(alias.resolve("lock"), stateDir.resolve("lock"));

            assertThatThrownBy(() -> StateLock.acquire(alias, "backup")).isInstanceOf(RollbackException.class)
                .hasMessageContaining("holds the lock").hasMessageContaining("this process (pid " + Identity.pid());

            // The OverlappingFileLockException did not cost the holder its kernel lock.
            assertThat(otherProcessCanLock(stateDir.resolve("lock"))).isFalse();
        }
        assertThat(otherProcessCanLock(stateDir.resolve("lock"))).as("released on close").isTrue();
    }

    @Test
    void aHolderThatHasNotWrittenItsNameIsAnUnknownHolder() throws Exception {
        for (String content : new String[] {"", "{\"pid\":12"}) {
            Process holder = holdInAnotherProcess(stateDir.resolve("lock"), content);
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> StateLock.acquire(stateDir, "backup")).isInstanceOf(RollbackException.class)
                    .hasMessageContaining("holds the lock").hasMessageContaining(": an unknown holder;");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("bounded wait").isLessThan(2000);
            } finally {
                holder.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void theLockOfAKilledProcessIsFreeAtOnceWithoutTakeover() throws Exception {
        Process holder = holdInAnotherProcess(stateDir.resolve("lock"),
            "{\"pid\":4711,\"user\":\"ops\",\"host\":\"web-1\",\"command\":\"db-restore\",\"startedAt\":\"2026-12-02T10:00:00Z\"}");
        assertThatThrownBy(() -> StateLock.acquire(stateDir, "backup"))
            .hasMessageContaining("pid 4711 (ops@web-1, db-restore since 2026-12-02T10:00:00Z)");

        holder.destroyForcibly().waitFor();   // SIGKILL

        try (StateLock next = StateLock.acquire(stateDir, "backup")) {
            assertThat(Files.readString(stateDir.resolve("lock"))).contains("\"pid\":" + Identity.pid())
                .contains("\"command\":\"backup\"").doesNotContain("4711");
        }
    }

    @Test
    void theLockFileIsOwnerOnlyAndStaysAfterRelease() throws IOException {
        StateLock.acquire(stateDir.resolve("new"), "backup").close();

        Path file = stateDir.resolve("new").resolve("lock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        StateLock.acquire(stateDir.resolve("new"), "backup").close();
    }

    /** Another JVM takes the kernel lock on {@code file} and writes {@code content}; it holds it until killed. */
    private static Process holdInAnotherProcess(Path file, String content) throws IOException {
        Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
            Holder.class.getName(), file.toString(), content).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("holder process").isEqualTo("locked");
        return process;
    }

    private static boolean otherProcessCanLock(Path file) throws Exception {
        Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
            Holder.class.getName(), file.toString(), "-").redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        process.destroyForcibly().waitFor();
        return "locked".equals(line);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The other process: locks the file (writing content unless "-"), says "locked" or "held", then waits. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                System.out.println("held");
                return;
            }
            if (!args[1].equals("-")) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(args[1].getBytes(StandardCharsets.UTF_8)), 0);
            }
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
