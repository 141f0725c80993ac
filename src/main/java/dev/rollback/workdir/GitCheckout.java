package dev.rollback.workdir;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.git.JGitRepository;
import java.nio.file.Path;

/**
 * The git checkout around the stack's workdir, which may be its top or a subdirectory of it
 * (a compose file in {@code deploy/} of the application's repository).
 *
 * @param prefix the workdir relative to the checkout's top, "" when it is the top
 */
public record GitCheckout(GitRepository git, String prefix) {

    public static GitCheckout around(Path workdir) {
        JGitRepository repository = JGitRepository.openEnclosing(workdir);
        Path relative = repository.dir().relativize(workdir.toAbsolutePath().normalize());
        return new GitCheckout(repository, relative.toString().replace('\\', '/'));
    }

    /** A workdir-relative path as the repository names it. */
    public String path(String workdirPath) {
        return prefix.isEmpty() ? workdirPath : prefix + "/" + workdirPath;
    }
}
