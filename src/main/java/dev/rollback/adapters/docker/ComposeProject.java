package dev.rollback.adapters.docker;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a compose project is: its name ({@code -p}), working directory, files ({@code -f}) and
 * env file ({@code --env-file}, may be null or absent).
 */
public record ComposeProject(String name, Path workdir, List<Path> files, Path envFile) {
    public ComposeProject {
        files = List.copyOf(files);
    }
}
