package dev.rollback.adapters.http;

import java.net.http.HttpClient;
import java.time.Duration;

/** The one way this tool builds a JDK HTTP client. */
public final class HttpClients {
    private HttpClients() {
    }

    /**
     * HTTP/1.1, redirects never followed (a redirect could carry a token to another host, and the
     * JDK turns a POST into a GET on 301/302), and a bounded connect.
     */
    public static HttpClient noRedirects(Duration connectTimeout) {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
    }
}
