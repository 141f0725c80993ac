package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.File;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * How this tool talks to git remotes: a timeout on every connection, HTTPS credentials from
 * {@link GitCredentials}, SSH through Apache MINA SSHD with the user's {@code ~/.ssh} (keys,
 * {@code config}, {@code known_hosts}). Also words the exit-4 errors, with URLs and secrets masked.
 */
final class GitTransport implements AutoCloseable {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<GitCredentials> credentialSource;
    private final Duration timeout;
    private GitCredentials credentials;
    private SshdSessionFactory ssh;

    /**
     * @param credentials asked on first use only: a checkout opened just to read files must not
     *                    fail on, say, a half-set pair of credential variables
     */
    GitTransport(Supplier<GitCredentials> credentials, Duration timeout) {
        this.credentialSource = credentials;
        this.timeout = timeout;
    }

    synchronized GitCredentials credentials() {
        if (credentials == null) {
            credentials = credentialSource.get();
        }
        return credentials;
    }

    /** Applies timeout, credentials and SSH to a fetch, push or clone before it is called. */
    <C extends TransportCommand<C, ?>> C configure(C command) {
        return command
            .setTimeout((int) Math.max(1, timeout.toSeconds()))
            .setTransportConfigCallback(this::configure);
    }

    private void configure(Transport transport) {
        if (transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(sshSessions());
        }
        // Only on the HTTP transport, for this URL's host, over HTTPS (GitCredentials decides which
        // secret, if any, belongs there): never set on the command itself, where an SSH server
        // would be offered it as a password.
        if (transport instanceof TransportHttp http) {
            URIish uri = transport.getURI();
            credentials().provider(uri).ifPresent(provider -> {
                http.setCredentialsProvider(provider);
                http.setHttpConnectionFactory(new HostOnlyConnections(uri.getHost(), http.getHttpConnectionFactory()));
            });
        }
    }

    /**
     * Created on the first SSH connection: it starts an SSH client. Unknown host keys are refused
     * (there is nobody to ask), so the host must be in {@code ~/.ssh/known_hosts}. An ssh-agent is
     * used when a connector for it is on the class path ({@code org.eclipse.jgit.ssh.apache.agent}).
     */
    private synchronized SshdSessionFactory sshSessions() {
        if (ssh == null) {
            File home = FS.DETECTED.userHome();
            ssh = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"))
                .withDefaultConnectorFactory()
                .build(new JGitKeyCache());
        }
        return ssh;
    }

    /** Exit 4: the remote could not be reached or would not let us in. */
    RollbackException unreachable(String action, String url, Exception error) {
        GitCredentials credentials = credentials();
        String where = credentials.redact(url);
        String reason = credentials.redact(reason(error));
        // JGit starts its messages with the URL, which this message already names.
        if (reason.startsWith(where + ": ")) {
            reason = reason.substring(where.length() + 2);
        }
        String hint = looksLikeAuthentication(reason) ? "check the credentials: " + credentialsHint(credentials, url)
            : "check the URL, the network and that the git server is up";
        // No cause attached: JGit's exception texts carry the URL, possibly with a token in it,
        // and a cause is printed with -v.
        return RollbackException.unreachable("cannot " + action + " " + where + ": " + reason
            + "; " + hint, null);
    }

    private static String credentialsHint(GitCredentials credentials, String url) {
        try {
            URIish uri = new URIish(url);
            if (credentials.sentTo(uri)) {
                return credentials.source(uri) + " was sent over HTTPS";
            }
            return credentials.source(uri) + "; for SSH, a key in ~/.ssh and the host in ~/.ssh/known_hosts";
        } catch (URISyntaxException e) {
            return "for SSH, a key in ~/.ssh and the host in ~/.ssh/known_hosts";
        }
    }

    /** JGit's message and those of its causes, each once: "…: cannot open git-upload-pack (Connection refused)". */
    static String reason(Throwable error) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank() || reason.indexOf(message.strip()) >= 0) {
                continue;
            }
            if (reason.length() == 0) {
                reason.append(message.strip());
            } else {
                reason.append(" (").append(message.strip()).append(')');
            }
        }
        String text = reason.length() == 0 ? error.getClass().getSimpleName() : reason.toString();
        return text.replaceAll("\\s+", " ");
    }

    private static boolean looksLikeAuthentication(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        return lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
            || lower.contains("permission denied") || lower.contains("credentials") || lower.contains("not permitted");
    }

    @Override
    public synchronized void close() {
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
    }

    @Override
    public String toString() {
        return "git transport (timeout " + timeout.toSeconds() + " s)";
    }
}
