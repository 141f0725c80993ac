package dev.rollback.adapters.git;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.eclipse.jgit.util.HttpSupport;

/**
 * JGit's HTTP connections for a transport that holds credentials, refused for any URL but the
 * host they were given for, over HTTPS. JGit follows a redirect of the first request to another
 * host and, once a server accepted the credentials, sends them again unasked with every request,
 * the redirected one included; refusing the connection is the only way to keep them from that
 * host. A git host that moved is fixed by updating the remote's URL, which the message says.
 */
final class HostOnlyConnections implements HttpConnectionFactory2 {
    private final String host;
    private final HttpConnectionFactory delegate;

    HostOnlyConnections(String host, HttpConnectionFactory delegate) {
        this.host = host;
        this.delegate = delegate;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return delegate.create(allowed(url));
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        return delegate.create(allowed(url), proxy);
    }

    @Override
    public GitSession newSession() {
        if (delegate instanceof HttpConnectionFactory2 sessions) {
            return sessions.newSession();
        }
        return new GitSession() {
            @Override
            public HttpConnection configure(HttpConnection connection, boolean sslVerify) throws IOException {
                if (!sslVerify) {
                    HttpSupport.disableSslVerify(connection);
                }
                return connection;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private URL allowed(URL url) throws IOException {
        if (!"https".equalsIgnoreCase(url.getProtocol()) || !host.equalsIgnoreCase(url.getHost())) {
            throw new IOException("redirected to " + url.getProtocol() + "://" + url.getHost() + ", not followed: the"
                + " credentials are sent to " + host + " only; set the remote's URL to where the repository is served");
        }
        return url;
    }
}
