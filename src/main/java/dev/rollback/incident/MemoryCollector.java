package dev.rollback.incident;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code memory.txt}: {@code /proc/meminfo} as the kernel gives it; the headline figures in the summary. */
final class MemoryCollector implements Collector {
    private static final List<String> HEADLINE = List.of("MemTotal:", "MemAvailable:", "SwapTotal:", "SwapFree:");

    private final Path meminfo;

    MemoryCollector(Path meminfo) {
        this.meminfo = meminfo;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void collect(Bundle bundle) throws IOException {
        String text = Files.readString(meminfo);
        bundle.file("memory.txt", text);
        bundle.section("Disk and memory", text.lines().filter(line -> HEADLINE.stream().anyMatch(line::startsWith))
            .map(line -> "- " + line.replaceAll("\\s+", " ")).toList());
    }
}
