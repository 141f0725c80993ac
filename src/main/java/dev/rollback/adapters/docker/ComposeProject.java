package dev.rollback.adapters.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ComposeProject {
        files = List.copyOf(files);
    }

    public ComposeProject(String name, Path workdir, List<Path> files, Path envFile) {
        this(name, workdir, files, envFile, null);
    }

    /**
     * Every variable-like word in the compose files and the env file, as they are now on disk: a
     * superset of the variables compose reads from its environment ({@code ${DB_PASSWORD}},
     * {@code $TOKEN}, or a bare {@code - API_KEY} passed through). A file that cannot be read names nothing.
     */
    public Set<String> namedVariables() {
        List<Path> paths = new ArrayList<>();
        files.forEach(file -> paths.add(workdir.resolve(file)));
        if (envFile != null) {
            paths.add(workdir.resolve(envFile));
        }
        Set<String> names = new HashSet<>();
        for (Path path : paths) {
            try {
                Matcher words = WORD.matcher(Files.readString(path));
                while (words.find()) {
                    names.add(words.group());
                }
            } catch (IOException | RuntimeException unreadable) {
                // compose itself will say what is wrong with the file
            }
        }
        return names;
    }
}
