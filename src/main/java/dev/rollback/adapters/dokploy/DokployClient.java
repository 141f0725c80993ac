package dev.rollback.adapters.dokploy;

import dev.rollback.adapters.http.ApiCall;
import dev.rollback.adapters.http.Credential;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.JsonApi;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DokployConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Dokploy} over its REST API: tRPC queries as {@code GET /api/<procedure>?<input>}, mutations
 * as {@code POST /api/<procedure>} with a JSON body, the key in {@code x-api-key}. Each method is one
 * request; nothing is retried, because a redeploy that timed out may still have been queued, and a
 * second one would build twice.
 */
public final class DokployClient implements Dokploy {
    private static final Logger LOG = LoggerFactory.getLogger(DokployClient.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: {@code rollback.rollback} answers only once Docker has accepted the new service spec. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final String DEFAULT_KEY_VARIABLE = "DOKPLOY_API_KEY";

    private final DokployUrl url;
    private final JsonApi api;

    DokployClient(DokployUrl url, EnvSecret key, Duration requestTimeout) {
        this.url = url;
        this.api = new JsonApi(new DokployErrors(url, key), Credential.header("x-api-key", key),
            Map.of("Accept", "application/json"), CONNECT_TIMEOUT, requestTimeout);
    }

    /**
     * The client the {@code dokploy:} section describes, with the key from the environment variable
     * it names ({@code DOKPLOY_API_KEY} by default). A missing URL or key is a usage error (exit 2).
     */
    public static DokployClient fromConfig(DokployConfig config, Map<String, String> env) {
        if (config == null) {
            throw RollbackException.usage("stack.target dokploy needs a dokploy section with url "
                + "and application-id or compose-id");
        }
        DokployUrl url = DokployUrl.parse(config.url());
        return new DokployClient(url, key(config.apiKeyEnv(), env), REQUEST_TIMEOUT);
    }

    /** The key in the variable {@code dokploy.api-key-env} names ({@code DOKPLOY_API_KEY} by default). */
    static EnvSecret key(String variable, Map<String, String> env) {
        return EnvSecret.require(EnvSecret.variable(variable, DEFAULT_KEY_VARIABLE), env, "API key",
            "export a Dokploy API key in it (Dokploy: Settings > Profile > API/CLI), or name another variable"
            + " in dokploy.api-key-env");
    }

    @Override
    public String describe() {
        return "Dokploy at " + url;
    }

    @Override
    public List<Deployment> deployments(Target target) {
        Resource resource = Resource.of(target);
        ApiCall call = ApiCall.get("/api/" + resource.listProcedure, resource.subject(target));
        LOG.debug("listing deployments of {} on {}", call.subject(), describe());
        // A query's input travels in the query string, which messages do not show.
        URI uri = url.api(resource.listProcedure, Map.of(resource.idField, target.id()));
        return api.reading(call, () -> DeploymentRows.parse(api.send(call, uri, null)));
    }

    @Override
    public void rollback(String rollbackId) {
        requireId(rollbackId, "rollbackId");
        LOG.info("asking {} to roll back to rollback {}", describe(), rollbackId);
        // The answer is empty (the procedure returns nothing); success is the 2xx itself.
        mutation("rollback.rollback", "rollback " + rollbackId, Map.of("rollbackId", rollbackId));
    }

    @Override
    public void redeploy(Target target, String title, String description) {
        Resource resource = Resource.of(target);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put(resource.idField, target.id());
        // Optional strings in Dokploy's input schema: null would fail its validation, so leave them out.
        if (title != null) {
            input.put("title", title);
        }
        if (description != null) {
            input.put("description", description);
        }
        LOG.info("asking {} to redeploy {}", describe(), resource.subject(target));
        // The answer only acknowledges the queued job; the deployment row appears in deployments().
        mutation(resource.redeployProcedure, resource.subject(target), input);
    }

    /** A tRPC mutation: {@code input} is the JSON body, and the accepted status is the whole answer. */
    private void mutation(String procedure, String subject, Map<String, ?> input) {
        api.perform(ApiCall.post("/api/" + procedure, subject), url.api(procedure, Map.of()), input);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** The procedures and input field of each kind of target. */
    private enum Resource {
        APPLICATION("application", "applicationId", "deployment.all", "application.redeploy"),
        COMPOSE("compose project", "composeId", "deployment.allByCompose", "compose.redeploy");

        final String noun;
        final String idField;
        final String listProcedure;
        final String redeployProcedure;

        Resource(String noun, String idField, String listProcedure, String redeployProcedure) {
            this.noun = noun;
            this.idField = idField;
            this.listProcedure = listProcedure;
            this.redeployProcedure = redeployProcedure;
        }

        static Resource of(Target target) {
            Objects.requireNonNull(target, "target");
            requireId(target.id(), "target id");
            return switch (Objects.requireNonNull(target.kind(), "target kind")) {
                case APPLICATION -> APPLICATION;
                case COMPOSE -> COMPOSE;
            };
        }

        String subject(Target target) {
            return noun + " " + target.id();
        }
    }
}
