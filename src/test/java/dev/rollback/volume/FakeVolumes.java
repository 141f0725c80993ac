package dev.rollback.volume;

import dev.rollback.adapters.docker.Volumes;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.TarFixture;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Volumes in memory: each volume is a map of file name to content. An archive this fake writes is a
 * real tar.gz (so the steps' verification reads it) and is remembered, so a refill from it puts
 * exactly that content back. Every call is logged in order.
 */
final class FakeVolumes implements Volumes {
    final Map<String, Map<String, String>> volumes = new TreeMap<>();
    final Map<Path, Map<String, String>> archives = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<String> running = new ArrayList<>();
    /** Per volume, the paths an archive of it reports as changed while read (a live database's WAL). */
    final Map<String, List<String>> changedWhileRead = new HashMap<>();
    Path failRefillFrom;
    /** The helper image this fake claims to use (null: none, as before pulls existed). */
    String helperImage;

    FakeVolumes with(String volume, Map<String, String> files) {
        volumes.put(volume, new TreeMap<>(files));
        return this;
    }

    /** An archive the test made, and what refilling from it gives. */
    Path archiveFile(Path file, Map<String, String> files) {
        TarFixture tar = TarFixture.volume();
        files.forEach((name, content) -> tar.file("data/" + name, content));
        tar.write(file);
        archives.put(file.toAbsolutePath(), new TreeMap<>(files));
        return file;
    }

    @Override
    public List<String> projectVolumes(String project) {
        calls.add("list " + project);
        return volumes.keySet().stream().filter(v -> v.startsWith(project + "_")).toList();
    }

    @Override
    public boolean exists(String volume) {
        return volumes.containsKey(volume);
    }

    @Override
    public String helperImage() {
        return helperImage;
    }

    @Override
    public List<String> runningContainersUsing(String volume) {
        return running;
    }

    @Override
    public List<String> archive(String volume, Path archive) {
        calls.add("archive " + volume + " " + archive.getFileName());
        if (Files.exists(archive)) {
            throw RollbackException.refused(archive + " exists");
        }
        archiveFile(archive, volumes.get(volume));
        return changedWhileRead.getOrDefault(volume, List.of());
    }

    @Override
    public void refill(String volume, Path archive) {
        calls.add("refill " + volume + " " + archive.getFileName());
        if (archive.equals(failRefillFrom)) {
            volumes.put(volume, new TreeMap<>(Map.of("half", "extracted")));
            throw RollbackException.failed("tar: write error: No space left on device");
        }
        // The steps publish what this fake wrote under a partial name: same content, final name.
        Map<String, String> content = archives.getOrDefault(archive.toAbsolutePath(),
            archives.get(BackupStore.partialPath(archive.toAbsolutePath())));
        if (content == null) {
            throw new AssertionError("refill from an archive the test did not make: " + archive);
        }
        volumes.put(volume, new TreeMap<>(content));
    }

    static void truncate(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
