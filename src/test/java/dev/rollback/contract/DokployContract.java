package dev.rollback.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.rollback.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dokploy's OpenAPI 3.1 document (the operations this tool calls, extracted by
 * {@code scripts/extract-contracts.py} from Dokploy/dokploy {@code openapi.json} at commit 772b76821).
 * Its schemas are JSON Schema 2020-12, which networknt's validator implements; Atlassian's validator
 * reads OpenAPI 3.0 (draft 4 schemas), so it is used for DigitalOcean only. Checked: the method and
 * path, the key header the document's security scheme names, each query parameter (declared,
 * required, valid) and the JSON body. Answers: only JSON error bodies of declared statuses, since
 * Dokploy declares every success as an empty object while it really sends arrays and booleans
 * (docs/redeploy.md says where the tool's reading of them comes from).
 */
public final class DokployContract extends ApiContract {
    public static final String SOURCE = "Dokploy openapi.json (Dokploy/dokploy 772b76821, 2026-08-21)";
    /** What {@code DokployClient} calls; {@code scripts/extract-contracts.py} copies the same list. */
    public static final List<String> OPERATIONS = List.of(
        "GET /deployment.all", "GET /deployment.allByCompose", "POST /application.redeploy",
        "POST /compose.redeploy", "POST /rollback.rollback");
    private static final String RESOURCE = "/contracts/dokploy/dokploy-openapi-extract.json";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static final SchemaMessages MESSAGES = new SchemaMessages();

    private final JsonNode document;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    public DokployContract() {
        super(SOURCE, OPERATIONS, "/api");
        try (InputStream in = DokployContract.class.getResourceAsStream(RESOURCE)) {
            document = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected List<String> problems(String operation, String path, LoggedRequest request, LoggedResponse response) {
        String[] parts = operation.split(" ", 2);
        JsonNode spec = document.path("paths").path(parts[1]).path(parts[0].toLowerCase());
        List<String> problems = new ArrayList<>();
        checkKey(request, problems);
        checkQuery(request, spec, problems);
        checkBody(request, spec, problems);
        if (response != null) {
            checkErrorAnswer(response, spec, problems);
        }
        return problems;
    }

    /**
     * The global scheme ({@code x-api-key}): each operation names a scheme {@code Authorization}
     * that the document does not define, so the defined one is what a request must carry.
     */
    private void checkKey(LoggedRequest request, List<String> problems) {
        for (JsonNode requirement : document.path("security")) {
            requirement.fieldNames().forEachRemaining(name -> {
                JsonNode scheme = document.path("components").path("securitySchemes").path(name);
                String header = scheme.path("name").asText();
                if ("header".equals(scheme.path("in").asText())
                    && (request.getHeader(header) == null || request.getHeader(header).isBlank())) {
                    problems.add("security scheme " + name + ": no " + header + " header");
                }
            });
        }
    }

    private void checkQuery(LoggedRequest request, JsonNode spec, List<String> problems) {
        Map<String, String> query = Operations.query(request.getUrl());
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        spec.path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asText())) {
                declared.put(p.path("name").asText(), p);
            }
        });
        declared.forEach((name, parameter) -> {
            String value = query.get(name);
            if (value == null) {
                if (parameter.path("required").asBoolean()) {
                    problems.add("query parameter " + name + " is required");
                }
                return;
            }
            validate("query parameter " + name, parameter.path("schema"), Json.MAPPER.valueToTree(value), problems);
        });
        query.keySet().stream().filter(name -> !declared.containsKey(name))
            .forEach(name -> problems.add("query parameter " + name + " is not in the document"));
    }

    private void checkBody(LoggedRequest request, JsonNode spec, List<String> problems) {
        JsonNode body = spec.path("requestBody");
        if (body.isMissingNode()) {
            if (request.getBody().length > 0) {
                problems.add("the operation takes no body");
            }
            return;
        }
        String type = String.valueOf(request.getHeader("Content-Type"));
        if (!type.startsWith("application/json")) {
            problems.add("Content-Type " + type + ", the document accepts application/json");
            return;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(request.getBodyAsString());
        } catch (IOException e) {
            problems.add("the body is not JSON");
            return;
        }
        validate("body", body.path("content").path("application/json").path("schema"), json, problems);
    }

    /** A JSON error body of a status the operation declares, against the schema it names. */
    private void checkErrorAnswer(LoggedResponse response, JsonNode spec, List<String> problems) {
        int status = response.getStatus();
        JsonNode declared = spec.path("responses").path(String.valueOf(status));
        if (status < 400 || declared.isMissingNode()) {
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.getBodyAsString());
        } catch (IOException e) {
            return; // a proxy's HTML page is not Dokploy's answer
        }
        if (body == null || body.isMissingNode()) {
            return;
        }
        validate("answer " + status, resolve(declared.path("content").path("application/json").path("schema")), body,
            problems);
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
    }

    private void validate(String what, JsonNode schema, JsonNode value, List<String> problems) {
        Schema compiledSchema = compiled.computeIfAbsent(schema.toString(),
            text -> SCHEMAS.getSchema(text, InputFormat.JSON));
        compiledSchema.validate(value.toString(), InputFormat.JSON)
            .forEach(error -> problems.add(what + ": " + MESSAGES.format(error)));
    }
}
