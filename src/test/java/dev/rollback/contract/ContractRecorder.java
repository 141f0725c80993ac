package dev.rollback.contract;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WireMock listener that holds every exchange its server serves against a vendor's published
 * document ({@link ApiContract}) and keeps what breaks it for the test thread to assert. It runs
 * before each answer leaves, so a test cannot end before its exchanges are recorded, and its record
 * survives {@code resetAll()}, which clears WireMock's own journal. {@link ContractCheckedStub}
 * wraps it as a JUnit extension; a test with its own {@code WireMockServer} registers it with
 * {@code wireMockConfig().extensions(recorder)} and calls {@link #assertNoViolations()}.
 */
public final class ContractRecorder implements ServeEventListener {
    private static final String OFF_CONTRACT = "not-the-vendors-answer";

    private final ApiContract contract;
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<String> violations = new ArrayList<>();

    public ContractRecorder(ApiContract contract) {
        this.contract = contract;
    }

    /**
     * Marks a stubbed answer that is deliberately not the vendor's (a proxy's redirect, a broken
     * body the client must refuse): its request is still checked, its answer is not.
     */
    public static MappingBuilder notTheVendorsAnswer(MappingBuilder stub, String why) {
        return stub.withMetadata(Map.of(OFF_CONTRACT, why));
    }

    /** The declared operations requests reached since the server started. */
    public synchronized Set<String> operationsSeen() {
        return Set.copyOf(seen);
    }

    /** The violations recorded so far, and forgets them. */
    public synchronized List<String> takeViolations() {
        List<String> taken = List.copyOf(violations);
        violations.clear();
        return taken;
    }

    /** Fails with every violation recorded since the last call, one per line. */
    public void assertNoViolations() {
        List<String> taken = takeViolations();
        if (!taken.isEmpty()) {
            throw new AssertionError(taken.size() + " exchange(s) break " + contract.name() + ":\n  "
                + String.join("\n  ", taken));
        }
    }

    @Override
    public String getName() {
        return "contract-check";
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        ApiContract.Checked checked;
        try {
            checked = contract.check(event.getRequest(), answerToCheck(event));
        } catch (RuntimeException | LinkageError e) {
            checked = new ApiContract.Checked(null, List.of("the validator failed: " + e));
        }
        String request = event.getRequest().getMethod() + " " + event.getRequest().getUrl();
        synchronized (this) {
            if (checked.operation() != null) {
                seen.add(checked.operation());
            }
            checked.problems().forEach(problem -> violations.add(request + ": " + problem));
        }
    }

    /** The answer, unless WireMock made it up (no stub matched) or the stub says it is not the vendor's. */
    private static LoggedResponse answerToCheck(ServeEvent event) {
        StubMapping stub = event.getStubMapping();
        boolean offContract = stub != null && stub.getMetadata() != null && stub.getMetadata().containsKey(OFF_CONTRACT);
        return event.getWasMatched() && !offContract ? event.getResponse() : null;
    }
}
