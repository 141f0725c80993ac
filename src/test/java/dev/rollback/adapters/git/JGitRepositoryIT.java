package dev.rollback.adapters.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real repository built with the git command line, as an operator's checkout would be. */
class JGitRepositoryIT {
    private static final String OLD_COMPOSE = "services:\n  backend:\n    image: merq/backend:1.4\n";
    private static final String NEW_COMPOSE = "services:\n  backend:\n    image: merq/backend:1.5\n";

    @TempDir
    Path dir;
    private String firstCommit;
    private String secondCommit;
    private JGitRepository repository;

    @BeforeEach
    void twoCommitsChangingTheComposeFile() throws Exception {
        git("init", "--quiet", "--initial-branch=main");
        git("config", "user.name", "Deploy Bot");
        git("config", "user.email", "deploy@example.com");
        git("config", "commit.gpgsign", "false");
        write("docker-compose.yml", OLD_COMPOSE);
        write(".gitignore", "*.log\n");
        git("add", "docker-compose.yml", ".gitignore");
        git("commit", "--quiet", "-m", "Release 1.4");
        firstCommit = git("rev-parse", "HEAD");
        write("docker-compose.yml", NEW_COMPOSE);
        git("commit", "--quiet", "-am", "Release 1.5: new backend image\n\nLonger explanation.");
        secondCommit = git("rev-parse", "HEAD");
        git("tag", "-a", "v1.4", "-m", "annotated tag", firstCommit);
        repository = JGitRepository.open(dir);
    }

    @AfterEach
    void close() {
        if (repository != null) {
            repository.close();
        }
    }

    @Test
    void headIsTheLatestCommit() {
        assertThat(repository.head()).isEqualTo(secondCommit).hasSize(40);
    }

    @Test
    void resolvesRelativeShortAndTaggedRevisionsToFullCommitIds() {
        assertThat(repository.resolve("HEAD~1")).isEqualTo(firstCommit);
        assertThat(repository.resolve("main")).isEqualTo(secondCommit);
        assertThat(repository.resolve(firstCommit.substring(0, 8))).isEqualTo(firstCommit);
        assertThat(repository.resolve("v1.4")).as("annotated tag peeled to its commit").isEqualTo(firstCommit);
    }

    @Test
    void readsAFileAsItWasAtAnOlderRevision() {
        assertThat(repository.readFile("HEAD~1", "docker-compose.yml")).hasValueSatisfying(
            bytes -> assertThat(new String(bytes, UTF_8)).isEqualTo(OLD_COMPOSE));
        assertThat(repository.readFile("HEAD", "./docker-compose.yml")).hasValueSatisfying(
            bytes -> assertThat(new String(bytes, UTF_8)).isEqualTo(NEW_COMPOSE));
    }

    @Test
    void readingAPathThatDoesNotExistAtThatRevisionIsEmpty() throws Exception {
        write("deploy/extra.yml", "x: 1\n");
        git("add", "deploy/extra.yml");
        git("commit", "--quiet", "-m", "Add extra");

        assertThat(repository.readFile("HEAD", "deploy/extra.yml")).isPresent();
        assertThat(repository.readFile("HEAD~1", "deploy/extra.yml")).isEmpty();
        assertThat(repository.readFile("HEAD", "no-such-file.yml")).isEmpty();
    }

    @Test
    void readingADirectoryOrAPathOutsideTheCheckoutIsRefused() throws Exception {
        write("deploy/extra.yml", "x: 1\n");
        git("add", "deploy/extra.yml");
        git("commit", "--quiet", "-m", "Add extra");

        assertRefused(() -> repository.readFile("HEAD", "deploy"), "deploy at HEAD is a directory, not a file");
        assertRefused(() -> repository.readFile("HEAD", "../secret"), "'../secret' is not a path inside the git checkout");
    }

    @Test
    void cleanCheckoutHasNoUncommittedPaths() throws Exception {
        write("backend.log", "ignored by .gitignore\n");

        assertThat(repository.uncommittedPaths()).isEmpty();
        assertThat(repository.isClean()).isTrue();
    }

    @Test
    void modifiedUntrackedStagedAndDeletedFilesMakeItDirtySorted() throws Exception {
        write("docker-compose.yml", NEW_COMPOSE + "  web:\n    image: merq/web:2\n");
        write("notes.txt", "untracked\n");
        write("added.env", "A=1\n");
        git("add", "added.env");
        Files.delete(dir.resolve(".gitignore"));

        assertThat(repository.uncommittedPaths())
            .containsExactly(".gitignore", "added.env", "docker-compose.yml", "notes.txt");
        assertThat(repository.isClean()).isFalse();
    }

    @Test
    void stagedChangesAndStagedRemovalsCount() throws Exception {
        write("docker-compose.yml", OLD_COMPOSE);
        git("add", "docker-compose.yml");
        git("rm", "--quiet", ".gitignore");

        assertThat(repository.uncommittedPaths()).containsExactly(".gitignore", "docker-compose.yml");
    }

    @Test
    void subjectIsTheFirstLineOfTheMessage() {
        assertThat(repository.subject("HEAD")).isEqualTo("Release 1.5: new backend image");
        assertThat(repository.subject("HEAD~1")).isEqualTo("Release 1.4");
    }

    @Test
    void unknownRevisionIsRefusedNamingIt() {
        assertRefused(() -> repository.resolve("release-9.9"), "unknown git revision 'release-9.9'");
        assertRefused(() -> repository.readFile("HEAD~5", "docker-compose.yml"), "unknown git revision 'HEAD~5'");
        assertRefused(() -> repository.subject("nope^^"), "unknown git revision 'nope^^'");
        assertRefused(() -> repository.resolve("HEAD:docker-compose.yml"), "unknown git revision 'HEAD:docker-compose.yml'");
    }

    @Test
    void aDirectoryThatIsNotACheckoutIsRefusedNamingIt(@TempDir Path elsewhere) {
        assertRefused(() -> JGitRepository.open(elsewhere), elsewhere + " is not a git checkout");
    }

    @Test
    void aSubdirectoryOfACheckoutIsRefusedNamingTheCheckout() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("deploy"));

        assertRefused(() -> JGitRepository.open(sub), "inside the checkout " + dir);
    }

    @Test
    void aRepositoryWithoutCommitsHasNoHead(@TempDir Path empty) throws Exception {
        run(empty, "git", "init", "--quiet");

        try (JGitRepository fresh = JGitRepository.open(empty)) {
            assertRefused(fresh::head, "has no commits yet");
        }
    }

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining(message)
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }

    /** Runs a command isolated from the machine's git configuration; returns trimmed stdout. */
    private static String run(Path workdir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(command), output).isZero();
        return output;
    }
}
