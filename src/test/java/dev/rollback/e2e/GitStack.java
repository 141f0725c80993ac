package dev.rollback.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git deploy setup for level 2: a bare remote, a developer clone that pushes, the
 * operator's checkout (the stack's workdir), and an auto-deployer stand-in: an HTTP server whose
 * {@code /version} answers the commit at the head of the remote's main and whose {@code /health}
 * answers 200 only when that commit's {@code health.txt} says "ok" (a bad commit makes it "broken").
 */
public final class GitStack implements AutoCloseable {
    public final Path dir;
    public final Path remote;
    public final Path developer;
    public final Path workdir;
    private final HttpServer deployer;
    private volatile String stuckAt;

    GitStack(Path dir) throws IOException {
        this.dir = dir;
        this.remote = dir.resolve("remote.git");
        this.developer = dir.resolve("developer");
        this.workdir = dir.resolve("work");
        git(dir, "init", "-q", "--bare", "-b", "main", remote.toString());
        git(dir, "clone", "-q", remote.toString(), developer.toString());
        commit("health.txt", "ok\n", "initial: app that is healthy");
        git(developer, "push", "-q", "origin", "main");
        git(dir, "clone", "-q", remote.toString(), workdir.toString());
        deployer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        deployer.createContext("/version", exchange -> respond(exchange, 200, deployed()));
        deployer.createContext("/health", exchange -> {
            boolean ok = "ok".equals(git(dir, "--git-dir", remote.toString(), "show", deployed() + ":health.txt").strip());
            respond(exchange, ok ? 200 : 503, ok ? "ok" : "broken");
        });
        deployer.start();
    }

    /** What the deployer runs: the remote's main, or the commit where it got stuck. */
    private String deployed() {
        return stuckAt != null ? stuckAt : remoteHead();
    }

    /** From now on the deployer deploys nothing new: a pipeline that is down. */
    public void stickDeployer() {
        stuckAt = remoteHead();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + deployer.getAddress().getPort() + path;
    }

    /** A developer commit (not pushed), answering its SHA. */
    public String commit(String file, String content, String message) throws IOException {
        Files.writeString(developer.resolve(file), content);
        git(developer, "add", file);
        git(developer, "commit", "-q", "-m", message);
        return git(developer, "rev-parse", "HEAD").strip();
    }

    /** Commit and push, then bring the operator's checkout up to date (it usually is). */
    public String pushCommit(String file, String content, String message) throws IOException {
        String sha = commit(file, content, message);
        git(developer, "push", "-q", "origin", "main");
        git(workdir, "pull", "-q", "--ff-only");
        return sha;
    }

    public String remoteHead() {
        return git(dir, "--git-dir", remote.toString(), "rev-parse", "main").strip();
    }

    public String remoteFile(String rev, String file) {
        return git(dir, "--git-dir", remote.toString(), "show", rev + ":" + file);
    }

    public void writeConfig(String extra) throws IOException {
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: gitstack, workdir: ./work }
            state-dir: .rollback
            git:
              remote: origin
              branch: main
              author-name: Ops On Call
              author-email: ops@example.com
              version-url: "%s"
              deploy-timeout: 20s
            health:
              timeout: 10s
              checks:
                - { name: api, url: "%s" }
            """.formatted(url("/version"), url("/health")) + extra);
    }

    public RollbackCli.Run rollback(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", null);
        return rollback(env, args);
    }

    public RollbackCli.Run rollback(Map<String, String> extraEnv, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Map<String, String> env = new HashMap<>(isolated());
        env.putAll(extraEnv);
        return RollbackCli.run(dir, env, all);
    }

    /**
     * Makes the checkout's origin look like GitHub ({@code https://github.com/acme/shop.git}) while
     * git still talks to the local bare remote, through {@code url.<local>.insteadOf}.
     */
    public void originLooksLikeGitHub() {
        git(workdir, "remote", "set-url", "origin", "https://github.com/acme/shop.git");
        git(workdir, "config", "url." + remote.toUri() + ".insteadOf", "https://github.com/acme/shop.git");
    }

    public static Map<String, String> isolated() {
        return Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_AUTHOR_NAME", "Dev", "GIT_AUTHOR_EMAIL", "dev@example.com",
            "GIT_COMMITTER_NAME", "Dev", "GIT_COMMITTER_EMAIL", "dev@example.com");
    }

    public static String git(Path in, String... args) {
        List<String> argv = Shell.concat(List.of("git"), args);
        return Shell.run(in, isolated(), 60, argv).requireSuccess(argv).out();
    }

    @Override
    public void close() {
        deployer.stop(0);
    }
}
