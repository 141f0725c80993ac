package dev.rollback.adapters.forge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.BoundedHttp;
import dev.rollback.core.ExitCode;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PullRequests} through GitHub's REST API: {@code POST {api}/repos/{owner}/{repo}/pulls}
 * with a bearer token. 201 gives the pull request's {@code html_url}; error statuses become
 * {@link RollbackException}s in {@link GitHubErrors}.
 */
public final class GitHubPullRequests implements PullRequests {
    public static final String DEFAULT_API = ForgeApi.DEFAULT_API;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI api;
    private final GitHubToken token;
    private final GitHubErrors errors;
    private final Duration requestTimeout;
    private final HttpClient client;

    GitHubPullRequests(URI api, GitHubToken token, Duration requestTimeout) {
        this.api = withoutTrailingSlash(api);
        this.token = token;
        this.errors = new GitHubErrors(this.api, token, requestTimeout);
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            // Never followed: a redirect could carry the Authorization header to another host.
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    }

    /**
     * A client with the token in {@code env[tokenVariable]} ({@code GITHUB_TOKEN} when null), against
     * {@code apiBase} (null: api.github.com; https, or plain http to this machine, else exit 2 before
     * any request). Empty without a token: then the caller prints the
     * compare URL ({@link GitHubRepository#compareUrl}) for a person to open the pull request.
     */
    public static Optional<PullRequests> fromEnvironment(Map<String, String> env, String tokenVariable, String apiBase) {
        URI api = ForgeApi.parse(apiBase).api();
        return GitHubToken.fromEnv(tokenVariable, env).map(token -> new GitHubPullRequests(api, token, REQUEST_TIMEOUT));
    }

    @Override
    public String open(String repository, String head, String base, String title, String body) {
        if (repository == null || !repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw RollbackException.usage("'" + repository + "' is not a GitHub repository name (owner/name)");
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("title", title);
        request.put("head", head);
        request.put("base", base);
        request.put("body", body == null ? "" : body);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(api + "/repos/" + repository + "/pulls"))
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + token.value())
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("Content-Type", "application/json")
            .header("User-Agent", "rollback")
            .POST(HttpRequest.BodyPublishers.ofString(json(request), StandardCharsets.UTF_8))
            .build(), repository);
        if (response.statusCode() != 201) {
            throw errors.status(repository, head, base, response.statusCode(), response.body());
        }
        JsonNode url = parse(response.body(), repository).path("html_url");
        if (!url.isTextual() || url.asText().isBlank()) {
            throw errors.malformed(repository, "201 without html_url");
        }
        return url.asText();
    }

    private HttpResponse<String> send(HttpRequest request, String repository) {
        try {
            return BoundedHttp.send(client, request, requestTimeout);
        } catch (IOException e) {
            throw errors.io(repository, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, "opening the pull request on " + repository
                + " was interrupted", e);
        }
    }

    private JsonNode parse(String body, String repository) {
        try {
            return Json.MAPPER.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw errors.malformed(repository, "not JSON");
        }
    }

    private static String json(Map<String, String> request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a GitHub request body: " + e.getOriginalMessage(), e);
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    @Override
    public String toString() {
        return "GitHub pull requests at " + api + " (" + token + ")";
    }
}
