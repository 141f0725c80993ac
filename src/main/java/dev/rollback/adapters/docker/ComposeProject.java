package dev.rollback.adapters.docker;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a compose project is: its name ({@code -p}), working directory, files ({@code -f}) and
 * env file ({@code --env-file}, may be null or absent).
 *
 * @param projectDirectory {@code --project-directory}, against which compose resolves relative paths in
 *                         the files (bind mounts, env_file, build contexts); null: compose's default, the
 *                         directory of the first file. Set for a file generated somewhere else than the
 *                         file it was derived from (blue-green's green project).
 */
public record ComposeProject(String name, Path workdir, List<Path> files, Path envFile, Path projectDirectory) {
    public ComposeProject {
        files = List.copyOf(files);
    }

    public ComposeProject(String name, Path workdir, List<Path> files, Path envFile) {
        this(name, workdir, files, envFile, null);
    }
}
