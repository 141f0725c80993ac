package dev.rollback.core;

import static dev.rollback.core.FileModes.mode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way PrivateFiles creates something gives 0600 / 0700 under the build's umask (022). */
class PrivateFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void meaningful() throws Exception {
        FileModes.assumeUmaskLetsOthersRead(dir);
    }

    @Test
    void createsEveryMissingDirectory0700AndLeavesExistingOnesAlone() throws Exception {
        Path existing = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));

        PrivateFiles.createDirectories(existing.resolve("a/b"));
        PrivateFiles.createDirectories(existing.resolve("a/b"));   // again: nothing to do

        assertThat(mode(existing.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(existing.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(existing)).as("an existing dir is the operator's").isEqualTo("rwxr-xr-x");
    }

    @Test
    void filesAreCreated0600ByEveryMethod() throws Exception {
        PrivateFiles.createFile(dir.resolve("created"));
        Path temp = PrivateFiles.createTempFile(dir, ".x-", ".tmp");
        try (FileChannel channel = PrivateFiles.open(dir.resolve("appended"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap("line\n".getBytes(StandardCharsets.UTF_8)));
        }
        try (OutputStream out = PrivateFiles.newOutputStream(dir.resolve("streamed"))) {
            out.write(1);
        }
        PrivateFiles.write(dir.resolve("written"), new byte[] {1});
        PrivateFiles.createDirectory(dir.resolve("one"));

        for (String name : new String[] {"created", temp.getFileName().toString(), "appended", "streamed", "written"}) {
            assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
        }
        assertThat(mode(dir.resolve("one"))).isEqualTo("rwx------");
        FileModes.assertOwnerOnly(dir);
    }

    @Test
    void replaceSwapsInA0600FileWhateverTheOldOneWas() throws Exception {
        Path file = Files.writeString(dir.resolve("memory.json"), "old");
        assertThat(mode(file)).isEqualTo("rw-r--r--");

        PrivateFiles.replace(file, "new".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.replace(dir.resolve("new/dir/file.json"), "first".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("new/dir/file.json"))).isEqualTo("first");
        FileModes.assertOwnerOnly(dir.resolve("new"));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                .containsExactlyInAnyOrder("memory.json", "new");
        }
    }

    @Test
    void newFilesNeverReplaceAnExistingOne() throws Exception {
        Path file = Files.writeString(dir.resolve("dump.sql"), "keep");

        assertThatThrownBy(() -> PrivateFiles.write(file, new byte[] {1})).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> PrivateFiles.createFile(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("keep");
    }

    @Test
    void openToOthersSeesAnyGroupOrOtherRight() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Path closed = PrivateFiles.createDirectory(dir.resolve("closed"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx-----x"));

        assertThat(PrivateFiles.openToOthers(open)).isTrue();
        assertThat(PrivateFiles.openToOthers(closed)).isFalse();
        assertThat(PrivateFiles.openToOthers(dir.resolve("missing"))).isFalse();
    }
}
