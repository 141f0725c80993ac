package dev.rollback.incident;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code disk.txt}: size, used and available space of the filesystems of the backups dir and of /. */
final class DiskCollector implements Collector {
    private static final long MIB = 1024 * 1024;

    private final List<Path> paths;

    DiskCollector(List<Path> paths) {
        this.paths = paths;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public void collect(Bundle bundle) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-40s %12s %12s %12s %5s  %s", "path", "size MiB", "used MiB",
            "avail MiB", "use%", "filesystem"));
        for (Path path : paths) {
            FileStore store = Files.getFileStore(path);
            long total = store.getTotalSpace();
            long used = total - store.getUnallocatedSpace();
            long available = store.getUsableSpace();
            long percent = total == 0 ? 0 : Math.round(100.0 * used / total);
            lines.add(String.format(Locale.ROOT, "%-40s %12d %12d %12d %4d%%  %s", path, total / MIB, used / MIB,
                available / MIB, percent, store));
            bundle.section("Disk and memory", List.of("- " + path + ": " + available / MIB + " MiB available of "
                + total / MIB + " MiB (" + percent + "% used)"));
        }
        bundle.file("disk.txt", String.join("\n", lines) + "\n");
    }
}
