package dev.rollback.adapters.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.ApiBase;
import dev.rollback.adapters.http.ApiCall;
import dev.rollback.adapters.http.Credential;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.JsonApi;
import dev.rollback.core.RollbackException;
import java.net.URI;
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
    static final String DEFAULT_TOKEN_VARIABLE = "GITHUB_TOKEN";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> HEADERS = Map.of(
        "Accept", "application/vnd.github+json",
        "X-GitHub-Api-Version", "2022-11-28",
        "User-Agent", "rollback");

    private final ApiBase api;
    private final EnvSecret token;
    private final Duration requestTimeout;

    /** {@code api} as {@link ForgeApi} checked it. */
    GitHubPullRequests(URI api, EnvSecret token, Duration requestTimeout) {
        this.api = ApiBase.of(api);
        this.token = token;
        this.requestTimeout = requestTimeout;
    }

    /**
     * A client with the token in {@code env[tokenVariable]} ({@code GITHUB_TOKEN} when null), against
     * {@code apiBase} (null: api.github.com; https, or plain http to this machine, else exit 2 before
     * any request). Empty without a token: then the caller prints the
     * compare URL ({@link GitHubRepository#compareUrl}) for a person to open the pull request.
     */
    public static Optional<PullRequests> fromEnvironment(Map<String, String> env, String tokenVariable, String apiBase) {
        URI api = ForgeApi.parse(apiBase).api();
        return token(tokenVariable, env).map(token -> new GitHubPullRequests(api, token, REQUEST_TIMEOUT));
    }

    /** The token in {@code env[variable]} ({@code GITHUB_TOKEN} when null or blank); empty when unset or blank. */
    static Optional<EnvSecret> token(String variable, Map<String, String> env) {
        return EnvSecret.ifSet(EnvSecret.variable(variable, DEFAULT_TOKEN_VARIABLE), env, "token");
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
        // One client per pull request: the messages name its head and base.
        JsonApi github = new JsonApi(new GitHubErrors(api, token, head, base), Credential.bearer(token), HEADERS,
            CONNECT_TIMEOUT, requestTimeout);
        ApiCall call = ApiCall.post("/repos/" + repository + "/pulls", repository);
        JsonNode url = github.send(call, api.resolve(call.path()), request).path("html_url");
        if (!url.isTextual() || url.asText().isBlank()) {
            throw github.malformed(call, "201 without html_url");
        }
        return url.asText();
    }

    @Override
    public String toString() {
        return "GitHub pull requests at " + api + " (" + token + ")";
    }
}
