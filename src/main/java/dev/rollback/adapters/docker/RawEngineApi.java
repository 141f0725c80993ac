package dev.rollback.adapters.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Engine API calls made with plain JSON through docker-java's own transport (same endpoint, TLS
 * and timeouts), for what docker-java's typed commands cannot do: {@code rollback=previous} has no
 * parameter there, and its model classes drop spec fields they do not know (CapabilityAdd,
 * Ulimits, Sysctls, placement preferences…), so a spec round-tripped through them would silently
 * lose settings. A JSON tree sends back exactly what the daemon gave.
 *
 * <p>Paths carry no API version prefix: the daemon then uses its own current version (1.41 on
 * Engine 20.10), which matters because below 1.30 the daemon would try to pin images to a
 * registry digest on every service update.
 */
final class RawEngineApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;
    private final DockerErrors errors;

    RawEngineApi(DockerHttpClient http, DockerErrors errors) {
        this.http = http;
        this.errors = errors;
    }

    /** The transport of a client built by {@link DockerClients#create}. */
    static DockerHttpClient transportOf(DockerClient client) {
        if (client instanceof DockerClientImpl impl && impl.getHttpClient() != null) {
            return impl.getHttpClient();
        }
        throw new IllegalArgumentException("need a DockerClientImpl with an HTTP client, got " + client.getClass());
    }

    /**
     * GET, answering the parsed body.
     *
     * @param action  for messages, as in {@link DockerErrors#call}: "inspect"
     * @param subject for messages: "service web"
     */
    JsonNode get(String path, String action, String subject) {
        return execute(Request.builder().method(Request.Method.GET).path(path).build(), action, subject);
    }

    /** POST of a JSON body, answering the parsed body (a missing node when it is empty). */
    JsonNode post(String path, JsonNode body, String action, String subject) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
        return execute(Request.builder().method(Request.Method.POST).path(path)
            .putHeader("Content-Type", "application/json").bodyBytes(bytes).build(), action, subject);
    }

    private JsonNode execute(Request request, String action, String subject) {
        return errors.call(action, subject, () -> {
            try (Response response = http.execute(request)) {
                String body = read(response.getBody());
                if (response.getStatusCode() >= 400) {
                    String message = DockerErrors.messageIn(body).orElse("HTTP " + response.getStatusCode());
                    throw errors.daemonError(action, subject, response.getStatusCode(), message, null);
                }
                return parse(body, action, subject);
            }
        });
    }

    private static String read(InputStream body) throws IOException {
        return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Not an I/O error: DockerErrors would call an unparseable answer an unreachable daemon. */
    private static JsonNode parse(String body, String action, String subject) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw RollbackException.failed("cannot " + action + " " + subject + ": the daemon's answer is not JSON ("
                + DockerErrors.oneLine(e) + ")");
        }
    }
}
