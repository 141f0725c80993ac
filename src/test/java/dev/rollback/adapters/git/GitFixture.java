package dev.rollback.adapters.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real repositories made with the git command line, isolated from the machine's git config: a
 * bare {@code origin} on disk and clones of it, as an operator's checkout and its remote would be.
 */
final class GitFixture {
    static final String USER = "Deploy Bot";
    static final String EMAIL = "deploy@example.com";

    private GitFixture() {
    }

    /** A bare repository whose {@code main} holds one commit adding {@code docker-compose.yml}. */
    static Path remoteWithOneCommit(Path root) throws Exception {
        Path bare = root.resolve("origin.git");
        Files.createDirectories(bare);
        git(bare, "init", "--quiet", "--bare", "--initial-branch=main");
        Path developer = root.resolve("developer");
        Files.createDirectories(developer);
        git(developer, "init", "--quiet", "--initial-branch=main");
        configureUser(developer);
        commit(developer, "docker-compose.yml", "services:\n  backend:\n    image: merq/backend:1.4\n", "Release 1.4");
        git(developer, "remote", "add", "origin", bare.toUri().toString());
        git(developer, "push", "--quiet", "origin", "main");
        return bare;
    }

    /** A clone of {@code bare} in {@code root/name}, with a local identity. */
    static Path cloneOf(Path bare, Path root, String name) throws Exception {
        git(root, "clone", "--quiet", bare.toUri().toString(), name);
        Path clone = root.resolve(name);
        configureUser(clone);
        return clone;
    }

    static void configureUser(Path repo) throws Exception {
        git(repo, "config", "user.name", USER);
        git(repo, "config", "user.email", EMAIL);
        git(repo, "config", "commit.gpgsign", "false");
    }

    /** Writes, stages and commits one file; returns the new commit's SHA. */
    static String commit(Path repo, String path, String content, String message) throws Exception {
        write(repo, path, content);
        git(repo, "add", "--", path);
        git(repo, "commit", "--quiet", "-m", message);
        return git(repo, "rev-parse", "HEAD");
    }

    static void write(Path repo, String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** The commit message exactly as stored (what follows the header's blank line). */
    static String rawMessage(Path repo, String revision) throws Exception {
        String raw = gitRaw(repo, "cat-file", "commit", revision);
        return raw.substring(raw.indexOf("\n\n") + 2);
    }

    /** Runs git in {@code dir}; returns trimmed stdout, fails the test on a non-zero exit. */
    static String git(Path dir, String... args) throws Exception {
        return gitRaw(dir, args).trim();
    }

    /** Runs git in {@code dir}; returns stdout exactly as printed. */
    static String gitRaw(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s in %s: %s", command, dir, output).isZero();
        return output;
    }
}
