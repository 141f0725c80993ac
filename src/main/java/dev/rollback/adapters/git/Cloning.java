package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Ref;

/** A first checkout of the deploy repository, for when the configured workdir holds none. */
final class Cloning {
    private final GitTransport transport;

    Cloning(GitTransport transport) {
        this.transport = transport;
    }

    Repository cloneInto(String url, Path dir, String branch) {
        if (url == null || url.isBlank()) {
            throw RollbackException.usage("no git URL to clone from: set git.url");
        }
        requireEmpty(dir);
        if (branch != null) {
            requireBranch(url, branch);
        }
        CloneCommand clone = transport.configure(Git.cloneRepository().setURI(url).setDirectory(dir.toFile()));
        if (branch != null) {
            clone.setBranch(Constants.R_HEADS + branch);
        }
        // On failure JGit removes what it created; the directory is left as it was.
        try (Git git = clone.call()) {
            Repository repository = git.getRepository();
            // Git.close() would close it: the JGitRepository built on it owns it from here.
            repository.incrementOpen();
            return repository;
        } catch (GitAPIException | JGitInternalException e) {
            throw transport.unreachable("clone", url, e);
        }
    }

    /** Asked before cloning, so a wrong git.branch is exit 3 naming the branches there are, not a transport error. */
    private void requireBranch(String url, String branch) {
        Collection<Ref> heads;
        try {
            heads = transport.configure(Git.lsRemoteRepository().setRemote(url).setHeads(true)).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw transport.unreachable("list the branches of", url, e);
        }
        List<String> names = heads.stream().map(ref -> Repository.shortenRefName(ref.getName())).sorted().toList();
        if (!names.contains(branch)) {
            throw RollbackException.refused("the repository at " + transport.credentials().redact(url)
                + " has no branch " + branch + " (it has: " + String.join(", ", names) + "); check git.branch");
        }
    }

    private static void requireEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw RollbackException.refused("cannot clone into " + dir + ": it is a file");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw RollbackException.refused("cannot clone into " + dir + ": it is not empty and holds no "
                    + "git checkout; empty it or point stack.workdir elsewhere");
            }
        } catch (IOException e) {
            throw RollbackException.refused("cannot read " + dir + ": " + e.getMessage());
        }
    }
}
