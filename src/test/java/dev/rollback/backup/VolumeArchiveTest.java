package dev.rollback.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volume archive check, on archives built byte by byte and on one from the host's GNU tar. */
class VolumeArchiveTest {
    @TempDir
    Path dir;

    private Path archive(TarFixture tar) {
        return tar.write(dir.resolve("vol_20240101_020000.tar.gz"));
    }

    private static TarFixture typical() {
        return TarFixture.volume().file("data/.env", "SECRET=x\n").dir("data/nested/")
            .file("data/nested/deeper.txt", "hello\n").file("data/big.bin", new byte[70_000]);
    }

    @Test
    void completeArchiveCountsEntriesAndBytesAndHashesTheFileAsStored() throws Exception {
        Path file = archive(typical());

        VolumeArchive archive = VolumeArchive.read(file);

        assertThat(archive.entries()).isEqualTo(5);
        assertThat(archive.contentBytes()).isEqualTo(9 + 6 + 70_000);
        assertThat(archive.archiveBytes()).isEqualTo(Files.size(file));
        assertThat(archive.sha256()).isEqualTo(HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        assertThat(archive.detail()).containsEntry("entries", 5L).containsEntry("file", file.toString());
    }

    @Test
    void archiveOfAnEmptyVolumeHoldsOnlyData() {
        VolumeArchive archive = VolumeArchive.read(archive(TarFixture.volume()));

        assertThat(archive.entries()).isEqualTo(1);
        assertThat(archive.contentBytes()).isZero();
    }

    @Test
    void gnuLongNamesAndPaxPathsAreFollowed() {
        String longName = "data/" + "d".repeat(120) + "/" + "f".repeat(80) + ".txt";

        VolumeArchive archive = VolumeArchive.read(archive(TarFixture.volume().longNamedFile(longName, "x")
            .paxNamedFile("data/" + "p".repeat(200), "yy")));

        assertThat(archive.entries()).isEqualTo(3);
        assertThat(archive.contentBytes()).isEqualTo(3);
    }

    @Test
    void longNameOutsideDataIsRefusedEvenThoughItsHeaderNameLooksFine() {
        Path file = archive(TarFixture.volume().longNamedFile("data/../../etc/" + "x".repeat(120), "x"));

        refused(file).hasMessageContaining("outside data/");
    }

    @Test
    void archiveOfTheHostsGnuTarIsReadIncludingLongNamesAndDotfiles() throws Exception {
        Path data = Files.createDirectories(dir.resolve("src/data/" + "n".repeat(110) + "/inner"));
        Files.writeString(data.resolve(".hidden"), "dot");
        Files.writeString(data.resolve("file-" + "m".repeat(150)), "long");
        Path file = dir.resolve("gnu.tar.gz");
        Process tar = new ProcessBuilder("tar", "--format=gnu", "-czf", file.toString(), "-C", dir.resolve("src").toString(),
            "data").redirectErrorStream(true).start();
        assertThat(tar.waitFor()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        VolumeArchive archive = VolumeArchive.read(file);

        assertThat(archive.entries()).isEqualTo(5);   // data/, the long dir, inner/, two files
        assertThat(archive.contentBytes()).isEqualTo(7);
        assertThat(BackupFormat.detect(file)).isEqualTo(BackupFormat.VOLUME);
    }

    @Test
    void truncatedArchiveIsRefusedWhereverItIsCut() throws Exception {
        byte[] whole = typical().tarGz();
        for (int length : List.of(whole.length / 10, whole.length / 2, whole.length - 9, whole.length - 1)) {
            Path file = dir.resolve("cut-" + length + ".tar.gz");
            Files.write(file, Arrays.copyOf(whole, length));

            refused(file).as("cut at %d of %d", length, whole.length).hasMessageContaining("truncated");
        }
    }

    @Test
    void emptyFileIsRefusedAsTruncated() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.tar.gz"));

        refused(file).hasMessageContaining("truncated");
    }

    @Test
    void corruptedArchiveIsRefused() throws Exception {
        byte[] bytes = typical().tarGz();
        bytes[bytes.length / 2] ^= 0x5a;
        Path file = Files.write(dir.resolve("corrupt.tar.gz"), bytes);

        refused(file).hasMessageContaining("corrupt");
    }

    @Test
    void corruptHeaderInsideAValidGzipStreamIsRefusedByItsChecksum() throws Exception {
        byte[] tar = typical().tar();
        tar[512 + 10] ^= 0x01;   // the name of the second header
        Path file = Files.write(dir.resolve("header.tar.gz"), TarFixture.gzip(tar));

        refused(file).hasMessageContaining("checksum mismatch");
    }

    @Test
    void fileThatIsNotGzipIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.tar.gz"), "-- PostgreSQL database dump\n");

        refused(file).hasMessageContaining("not gzip-compressed");
    }

    @Test
    void gzipThatIsNotATarIsRefused() throws Exception {
        byte[] text = "not a tar\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("text.tar.gz"), TarFixture.gzip(text));

        refused(file).hasMessageContaining("not usable");
    }

    @Test
    void tarWithoutEndMarkerIsRefusedAsIncomplete() throws Exception {
        byte[] tar = typical().tar();
        Path file = Files.write(dir.resolve("noend.tar.gz"), TarFixture.gzip(Arrays.copyOf(tar, tar.length - 1024)));

        refused(file).hasMessageContaining("end-of-archive");
    }

    @Test
    void archiveWithoutEntriesIsRefused() {
        refused(archive(TarFixture.empty())).hasMessageContaining("no tar entries");
    }

    @Test
    void entriesOutsideDataAreRefused() {
        refused(archive(TarFixture.volume().file("etc/passwd", "root"))).hasMessageContaining("'etc/passwd'");
        refused(archive(TarFixture.volume().file("data/../etc/passwd", "root"))).hasMessageContaining("outside data/");
        refused(archive(TarFixture.volume().file("./x", "root"))).hasMessageContaining("outside data/");
    }

    @Test
    void missingArchiveIsRefusedNamingIt() {
        refused(dir.resolve("absent.tar.gz")).hasMessageContaining("absent.tar.gz").hasMessageContaining("not found");
    }

    @Test
    void fiftyMegabytesAreCheckedQuickly() throws Exception {
        byte[] random = new byte[25 << 20];
        new Random(42).nextBytes(random);
        TarFixture tar = TarFixture.volume().file("data/random.bin", random).file("data/zeros.bin", new byte[25 << 20]);
        for (int i = 0; i < 2000; i++) {
            tar.file("data/small/" + i, "row " + i);
        }
        Path file = archive(tar);

        long start = System.nanoTime();
        VolumeArchive archive = VolumeArchive.read(file);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("VolumeArchive.read: %d MB of content, %d entries, %d MB on disk in %d ms%n",
            archive.contentBytes() >> 20, archive.entries(), archive.archiveBytes() >> 20, millis);
        assertThat(archive.entries()).isEqualTo(2003);
        assertThat(millis).isLessThan(5_000);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Path file) {
        return assertThatThrownBy(() -> VolumeArchive.read(file)).isInstanceOf(RollbackException.class)
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.REFUSED))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
