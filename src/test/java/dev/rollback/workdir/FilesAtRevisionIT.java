package dev.rollback.workdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.RollbackException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stack files read from a real repository, with the workdir at its top or in a subdirectory. */
class FilesAtRevisionIT {
    @TempDir
    Path repo;

    private String commit(Git git, String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        git.add().addFilepattern(".").call();
        return git.commit().setMessage("change " + path).setAuthor("Dev", "dev@example.com")
            .setCommitter("Dev", "dev@example.com").setSign(false).call().getName();
    }

    @Test
    void aWorkdirBelowTheTopReadsItsFilesUnderItsPrefix() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            String v1 = commit(git, "deploy/docker-compose.yml", "image: v1\n");
            commit(git, "deploy/docker-compose.yml", "image: v2\n");
            StackFiles files = new StackFiles(repo.resolve("deploy"), "docker-compose.yml", ".env");

            GitCheckout checkout = GitCheckout.around(repo.resolve("deploy"));
            FilesAtRevision atV1 = FilesAtRevision.read(checkout, files, v1.substring(0, 8));

            assertThat(checkout.prefix()).isEqualTo("deploy");
            assertThat(atV1.commit()).isEqualTo(v1);
            assertThat(new String(atV1.files().get("docker-compose.yml").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("image: v1\n");
            assertThat(atV1.files()).doesNotContainKey(".env");
            assertThat(atV1.differingFrom(files)).containsExactly("docker-compose.yml");
        }
    }

    @Test
    void writeReplacesAndDeletesInTheWorkdir() throws Exception {
        StackFiles files = new StackFiles(repo, "docker-compose.yml", ".env");
        files.write(".env", Optional.of("SECRET=x\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.getPosixFilePermissions(repo.resolve(".env")))
            .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        files.write(".env", Optional.empty());
        assertThat(repo.resolve(".env")).doesNotExist();
    }

    @Test
    void aRevisionWithoutTheComposeFileIsRefused() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            String first = commit(git, "README", "no compose file yet\n");
            StackFiles files = new StackFiles(repo, "docker-compose.yml", null);

            assertThatThrownBy(() -> FilesAtRevision.read(GitCheckout.around(repo), files, first))
                .isInstanceOf(RollbackException.class).hasMessageContaining("does not exist at");
        }
    }

    @Test
    void aDirectoryInNoCheckoutIsRefused() {
        assertThatThrownBy(() -> GitCheckout.around(repo)).isInstanceOf(RollbackException.class)
            .hasMessageContaining("is not in a git checkout");
    }
}
