package dev.rollback.contract;

import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Optional;

/**
 * A vendor's published API document, as the tests hold every stubbed exchange against it: which of
 * the operations the tool declares a request is (one it has not declared is a violation in itself),
 * and what about the request (and, where the vendor declares it, the stub's answer) breaks the document.
 */
public abstract class ApiContract {
    private final String name;
    private final List<String> operations;
    private final Operations matcher;

    /**
     * @param name       "DigitalOcean API v2 (digitalocean/openapi 7c1300c4, 2026-08-07)", for failure messages
     * @param operations what the tool may call, {@code METHOD /path/{template}} each, as the document spells the paths
     * @param prefix     what the tool puts before the document's paths ({@code /api} for Dokploy), or empty
     */
    protected ApiContract(String name, List<String> operations, String prefix) {
        this.name = name;
        this.operations = List.copyOf(operations);
        this.matcher = new Operations(operations, prefix);
    }

    public final String name() {
        return name;
    }

    /** The operations the tool may call: the contract tests cover each. */
    public final List<String> operations() {
        return operations;
    }

    /** Checks one exchange; {@code response} is null when only the request is to be checked. */
    public final Checked check(LoggedRequest request, LoggedResponse response) {
        String path = request.getUrl().split("\\?", 2)[0];
        Optional<String> found = matcher.find(request.getMethod().getName(), path);
        if (found.isEmpty()) {
            return new Checked(null, List.of("not an operation this tool declares (" + String.join(", ", operations)
                + "): add it to " + getClass().getSimpleName() + ".OPERATIONS and scripts/extract-contracts.py,"
                + " with a contract test"));
        }
        return new Checked(found.get(), problems(found.get(), path, request, response));
    }

    /** What breaks the document in an exchange of {@code operation}; empty when nothing does. */
    protected abstract List<String> problems(String operation, String path, LoggedRequest request,
                                             LoggedResponse response);

    /**
     * @param operation the declared operation the request is ({@code POST /v2/droplets/{droplet_id}/actions}),
     *                  or null when it is none of them
     * @param problems  what the validator said, one line each; empty when the exchange follows the document
     */
    public record Checked(String operation, List<String> problems) {
        public Checked {
            problems = List.copyOf(problems);
        }
    }
}
