package dev.rollback.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The one client for a JSON API (DigitalOcean, Dokploy, the forge): the credential in its header,
 * redirects never followed ({@link HttpClients}), a bounded connect and a bound over each whole
 * exchange, body included, with the body capped ({@link BoundedHttp}). A JSON answer is read only
 * from a status the vendor accepts; everything else leaves as the {@link RollbackException} its
 * {@link ApiErrors} words, with the server's text on one line and the credential masked. Nothing is
 * retried: a call that timed out may still have been carried out. Every answered exchange is shown
 * to an {@link ExchangeObserver} first.
 */
public final class JsonApi {
    private final ApiErrors errors;
    private final Credential credential;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final ServerText text;
    private final ExchangeObserver observer;

    /**
     * @param headers        sent with every request besides the credential ({@code Accept}, an API version)
     * @param connectTimeout the bound for the TCP and TLS connect
     * @param requestTimeout the bound for each whole exchange, from sending to the body's last byte
     */
    public JsonApi(ApiErrors errors, Credential credential, Map<String, String> headers, Duration connectTimeout,
                   Duration requestTimeout) {
        this(errors, credential, headers, connectTimeout, requestTimeout, HttpClients.noRedirects(connectTimeout),
            ExchangeObserver.NONE);
    }

    private JsonApi(ApiErrors errors, Credential credential, Map<String, String> headers, Duration connectTimeout,
                    Duration requestTimeout, HttpClient client, ExchangeObserver observer) {
        this.errors = Objects.requireNonNull(errors, "errors");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.headers = Map.copyOf(headers);
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.client = client;
        this.text = new ServerText(credential.secret());
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** The same client, showing every answered exchange to {@code observer}. */
    public JsonApi observedBy(ExchangeObserver observer) {
        return new JsonApi(errors, credential, headers, connectTimeout, requestTimeout, client, observer);
    }

    /**
     * Sends {@code call} to {@code uri} with {@code body} as JSON (null: no body) and answers the
     * accepted answer's JSON; an empty body is a missing node (every {@code path} of it is missing).
     */
    public JsonNode send(ApiCall call, URI uri, Object body) {
        String answer = accepted(call, uri, body);
        try {
            return read(answer);
        } catch (JsonProcessingException e) {
            throw malformed(call, "not JSON");
        }
    }

    /**
     * Like {@link #send}, for a call whose accepted status is its whole answer (Dokploy's
     * mutations acknowledge a queued job): the body is not read as JSON, so its shape cannot fail the call.
     */
    public void perform(ApiCall call, URI uri, Object body) {
        accepted(call, uri, body);
    }

    /**
     * Runs {@code reader}, which reads answers of {@code call}; a {@link MalformedAnswer} it throws
     * leaves as the vendor's {@link ApiErrors#malformed}.
     */
    public <T> T reading(ApiCall call, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (MalformedAnswer e) {
            throw malformed(call, e.getMessage());
        }
    }

    /** An accepted answer that is not what the published API returns; {@code problem} says what. */
    public RollbackException malformed(ApiCall call, String problem) {
        return errors.malformed(call, text.oneLine(problem));
    }

    /** The body of an accepted answer. */
    private String accepted(ApiCall call, URI uri, Object body) {
        String json = body == null ? null : Json.line(body);
        HttpResponse<String> response = exchange(call, request(call, uri, json));
        observer.observe(new Exchange(call, uri, json, response.statusCode(), response.body()));
        if (!errors.accepted(response.statusCode())) {
            throw errors.status(call, errorAnswer(response));
        }
        return response.body();
    }

    private HttpRequest request(ApiCall call, URI uri, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header(credential.header(), credential.value());
        headers.forEach(request::header);
        if (json == null) {
            return request.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
            .method(call.method(), HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    }

    private HttpResponse<String> exchange(ApiCall call, HttpRequest request) {
        try {
            return BoundedHttp.send(client, request, requestTimeout);
        } catch (IOException e) {
            throw errors.unreachable(call, text.oneLine(IoFailure.reason(e, connectTimeout, requestTimeout)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.interrupted(call, e);
        }
    }

    private ErrorAnswer errorAnswer(HttpResponse<String> response) {
        String message;
        try {
            message = text.oneLine(errors.message(read(response.body())));
        } catch (JsonProcessingException notJson) {
            message = ""; // an HTML page from a proxy: the status says more than its markup
        }
        String location = response.headers().firstValue("Location").map(text::oneLine).orElse(null);
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.putIfAbsent(name.toLowerCase(Locale.ROOT), text.oneLine(values.get(0)));
            }
        });
        return new ErrorAnswer(response.statusCode(), message, location, headers);
    }

    private static JsonNode read(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        return Json.MAPPER.readTree(body);
    }

    @Override
    public String toString() {
        return "JSON API client (" + credential + ")";
    }
}
