package dev.rollback.contract;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WireMock stub on 127.0.0.1 that holds every exchange it serves against the vendor's published
 * document ({@link ApiContract}) and fails the test after it ran when any request (or documented
 * answer) breaks it, with the validator's words. A request to an operation the tool has not declared
 * fails too, so an adapter that starts calling a new endpoint cannot pass unnoticed. The record
 * survives {@code resetAll()}, which clears WireMock's own journal.
 */
public final class ContractCheckedStub extends WireMockExtension {
    private static final String OFF_CONTRACT = "not-the-vendors-answer";

    private final Recorder recorder;

    private ContractCheckedStub(Builder builder, Recorder recorder) {
        super(builder);
        this.recorder = recorder;
    }

    public static ContractCheckedStub of(ApiContract contract) {
        Recorder recorder = new Recorder(contract);
        return new ContractCheckedStub(WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(recorder)), recorder);
    }

    public ApiContract contract() {
        return recorder.contract;
    }

    /** The declared operations requests reached since this stub started (across tests). */
    public Set<String> operationsSeen() {
        synchronized (recorder) {
            return Set.copyOf(recorder.seen);
        }
    }

    /**
     * The violations recorded so far, and forgets them: for a test that sends a wrong request on
     * purpose and asserts the validator caught it.
     */
    public List<String> takeViolations() {
        synchronized (recorder) {
            List<String> taken = List.copyOf(recorder.violations);
            recorder.violations.clear();
            return taken;
        }
    }

    @Override
    protected void onBeforeEach(WireMockRuntimeInfo info) {
        takeViolations();
    }

    @Override
    protected void onAfterEach(WireMockRuntimeInfo info) {
        List<String> violations = takeViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " exchange(s) break " + recorder.contract.name() + ":\n  "
                + String.join("\n  ", violations));
        }
    }

    /**
     * Marks a stubbed answer that is deliberately not the vendor's (a proxy's redirect, a broken
     * body the client must refuse): its request is still checked, its answer is not.
     */
    public static MappingBuilder notTheVendorsAnswer(MappingBuilder stub, String why) {
        return stub.withMetadata(Map.of(OFF_CONTRACT, why));
    }

    /** The answer, unless WireMock made it up (no stub matched) or the stub says it is not the vendor's. */
    private static LoggedResponse answerToCheck(ServeEvent event) {
        StubMapping stub = event.getStubMapping();
        boolean offContract = stub != null && stub.getMetadata() != null && stub.getMetadata().containsKey(OFF_CONTRACT);
        return event.getWasMatched() && !offContract ? event.getResponse() : null;
    }

    /** Runs on WireMock's threads after each answer; keeps what the test thread asserts afterwards. */
    private static final class Recorder implements ServeEventListener {
        private final ApiContract contract;
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<String> violations = new ArrayList<>();

        Recorder(ApiContract contract) {
            this.contract = contract;
        }

        @Override
        public String getName() {
            return "contract-check";
        }

        /** Before the answer leaves, so the test cannot end before its exchange is recorded. */
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
    }
}
