package dev.rollback.cli;

import dev.rollback.adapters.forge.ForgeApi;
import dev.rollback.adapters.forge.GitHubPullRequests;
import dev.rollback.adapters.forge.GitHubRepository;
import dev.rollback.adapters.git.GitAuthor;
import dev.rollback.adapters.git.GitCredentials;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.git.JGitRepository;
import dev.rollback.adapters.health.VersionEndpoint;
import dev.rollback.core.Plan;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.GitConfig;
import dev.rollback.revert.RevertPlan;
import dev.rollback.revert.RevertRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revert} (level 2): git revert of the bad commit, pushed or proposed, then followed to a healthy deploy. */
@Command(name = "revert", aliases = "level2", mixinStandardHelpOptions = true,
    header = "Level 2: revert the bad commit in git, then deploy.",
    description = {
        "Revert --commit REV (default: the head of the deploy branch) and push it, which triggers the deploy "
            + "(--mode push), or push a revert branch and open a pull request (--mode pr); then follow the deploy until "
            + "it runs the revert and the health checks pass."})
final class RevertCommand extends PlanCommand {
    /** How the revert reaches the deploy branch. */
    enum Mode { push, pr }

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

    @Option(names = "--commit", paramLabel = "REV", description = "The commit to revert (default: the remote branch's head).")
    String commit;

    @Option(names = "--mainline", paramLabel = "N", description = "For a merge commit: the parent to keep (git revert -m N).")
    Integer mainline;

    @Option(names = "--mode", paramLabel = "push|pr", description = "push (default) or pr.")
    Mode mode = Mode.push;

    @Option(names = "--remote", paramLabel = "R", description = "Remote (default: git.remote).")
    String remote;

    @Option(names = "--branch", paramLabel = "B", description = "Deploy branch (default: git.branch).")
    String branch;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "After a push, follow the deploy and the health checks (default; --no-wait to skip).")
    boolean waitForDeploy;

    RevertCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        GitConfig git = config.git();
        String remoteName = validRef("--remote", remote != null ? remote : git.remote());
        String branchName = validRef("--branch", branch != null ? branch : git.branch());
        if (mainline != null && mainline < 1) {
            throw RollbackException.usage("--mainline must be 1 or more, got " + mainline);
        }
        // Checked before anything is fetched: the address the forge token goes to, and the git host it belongs to.
        ForgeApi forge = ForgeApi.parse(git.forgeApi());
        GitRepository repo = repository(config, GitCredentials.fromEnvironment(app.env(), git.tokenEnv(), forge.gitHost()));
        GitAuthor author = git.authorName() != null || git.authorEmail() != null
            ? new GitAuthor(git.authorName(), git.authorEmail()) : null;
        RevertRequest request = new RevertRequest(commit, mainline, remoteName, branchName, mode == Mode.pr,
            waitForDeploy, author, git.deployTimeout());
        return RevertPlan.build(new RevertPlan.Inputs(repo, request,
            GitHubPullRequests.fromEnvironment(app.env(), git.tokenEnv(), git.forgeApi()),
            repo.remoteUrl(remoteName).flatMap(GitHubRepository::fromRemoteUrl),
            git.versionUrl() != null ? new VersionEndpoint(git.versionUrl()) : null,
            session.httpChecks(), session.healthGate(), app.interruption()::requested));
    }

    /** The workdir's repository; when it holds none, a clone of git.url in the state dir ("clone repo jika belum ada"). */
    private GitRepository repository(Config config, GitCredentials credentials) {
        Path workdir = config.workdir();
        if (Files.exists(workdir.resolve(".git"))) {
            return JGitRepository.open(workdir, credentials);
        }
        Path clone = config.stateDirPath().resolve("repo");
        if (Files.exists(clone.resolve(".git"))) {
            return JGitRepository.open(clone, credentials);
        }
        if (config.git().url() == null) {
            throw RollbackException.refused("the workdir " + workdir + " is not a git checkout and git.url is not set;"
                + " point stack.workdir at the checkout or set git.url to clone it");
        }
        app.err().println("cloning " + config.git().url().replaceFirst("://[^/@]+@", "://") + " into " + clone);
        createStateDir(config.stateDirPath());
        return JGitRepository.cloneInto(config.git().url(), clone, credentials);
    }

    /**
     * JGit writes the checkout with the process umask; inside a 0700 state dir no other user can
     * reach it (the env file of the clone may hold secrets).
     */
    private static void createStateDir(Path stateDir) {
        try {
            PrivateFiles.createDirectories(stateDir);
        } catch (IOException e) {
            throw RollbackException.refused("cannot create the state dir " + stateDir + ": " + e.getMessage());
        }
    }

    private static String validRef(String option, String value) {
        if (!REF.matcher(value).matches() || value.contains("..")) {
            throw RollbackException.usage(option + ": '" + value + "' is not a valid git name");
        }
        return value;
    }
}
