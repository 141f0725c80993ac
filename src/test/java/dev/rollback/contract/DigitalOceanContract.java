package dev.rollback.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * DigitalOcean's public API v2, OpenAPI 3.0 (the operations this tool calls, with every component
 * they reference, extracted by {@code scripts/extract-contracts.py} from digitalocean/openapi at
 * commit 7c1300c4), through Atlassian's swagger-request-validator, which reads 3.0 documents whole:
 * path, method, parameters, the bearer header and JSON bodies of requests, and the status, headers
 * and body of each stub answer against the response the document declares for it.
 */
public final class DigitalOceanContract extends ApiContract {
    public static final String SOURCE = "DigitalOcean API v2 (digitalocean/openapi 7c1300c4, 2026-08-07)";
    /** What {@code DigitalOceanClient} calls; {@code scripts/extract-contracts.py} copies the same list. */
    public static final List<String> OPERATIONS = List.of(
        "GET /v2/droplets/{droplet_id}", "GET /v2/droplets/{droplet_id}/snapshots",
        "GET /v2/droplets/{droplet_id}/backups", "POST /v2/droplets/{droplet_id}/actions",
        "GET /v2/actions/{action_id}", "POST /v2/droplets", "GET /v2/domains/{domain_name}/records",
        "PUT /v2/domains/{domain_name}/records/{domain_record_id}");
    private static final String RESOURCE = "/contracts/digitalocean/digitalocean-openapi-extract.yaml";

    private final OpenApiInteractionValidator validator;
    private final RequestFields fields;

    public DigitalOceanContract() {
        super(SOURCE, OPERATIONS, "");
        String text;
        try (InputStream in = DigitalOceanContract.class.getResourceAsStream(RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The validator's own strictness on unknown fields (it adds additionalProperties: false to
        // every schema) rejects each allOf part for the other parts' fields, and merging the parts
        // instead (withResolveCombinators) turns the rebuild's image (oneOf string, integer) into an
        // object: so unknown fields are left to RequestFields, which reads the combinators as written.
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(text)
            .withLevelResolver(LevelResolverFactory.withAdditionalPropertiesIgnored()).build();
        fields = new RequestFields(text);
    }

    @Override
    protected List<String> problems(String operation, String path, LoggedRequest request, LoggedResponse response) {
        Request simple = request(request, path);
        ValidationReport report = response == null ? validator.validateRequest(simple)
            : validator.validate(simple, response(response));
        List<String> problems = new ArrayList<>(fields.unknown(operation, request.getBodyAsString()));
        report.getMessages().stream()
            .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
            .map(message -> message.getKey() + ": " + message.getMessage().replace('\n', ' ')
                + message.getNestedMessages().stream().map(n -> " / " + n.getMessage().replace('\n', ' '))
                .reduce("", String::concat))
            .forEach(problems::add);
        return problems;
    }

    private static Request request(LoggedRequest request, String path) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod().getName(), path);
        Operations.query(request.getUrl()).forEach(builder::withQueryParam);
        for (HttpHeader header : request.getHeaders().all()) {
            builder.withHeader(header.key(), header.values());
        }
        if (request.getBody() != null && request.getBody().length > 0) {
            builder.withBody(request.getBodyAsString());
        }
        return builder.build();
    }

    private static SimpleResponse response(LoggedResponse response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.getStatus());
        if (response.getHeaders() != null) {
            for (HttpHeader header : response.getHeaders().all()) {
                builder.withHeader(header.key(), header.values());
            }
        }
        String body = response.getBodyAsString();
        if (body != null && !body.isEmpty()) {
            builder.withBody(body);
        }
        return builder.build();
    }
}
