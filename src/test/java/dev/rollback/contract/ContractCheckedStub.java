package dev.rollback.contract;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import java.util.List;
import java.util.Set;

/**
 * A WireMock stub on 127.0.0.1 that holds every exchange it serves against the vendor's published
 * document ({@link ContractRecorder}) and fails each test after it ran when any request (or
 * documented answer) broke it, with the validator's words. A request to an operation the tool has
 * not declared fails too, so an adapter that starts calling a new endpoint cannot pass unnoticed.
 */
public final class ContractCheckedStub extends WireMockExtension {
    private final ContractRecorder recorder;

    private ContractCheckedStub(Builder builder, ContractRecorder recorder) {
        super(builder);
        this.recorder = recorder;
    }

    public static ContractCheckedStub of(ApiContract contract) {
        ContractRecorder recorder = new ContractRecorder(contract);
        return new ContractCheckedStub(WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(recorder)), recorder);
    }

    /** See {@link ContractRecorder#notTheVendorsAnswer}. */
    public static MappingBuilder notTheVendorsAnswer(MappingBuilder stub, String why) {
        return ContractRecorder.notTheVendorsAnswer(stub, why);
    }

    /** The declared operations requests reached since this stub started (across tests). */
    public Set<String> operationsSeen() {
        return recorder.operationsSeen();
    }

    /**
     * The violations recorded so far, and forgets them: for a test that sends a wrong request on
     * purpose and asserts the validator caught it.
     */
    public List<String> takeViolations() {
        return recorder.takeViolations();
    }

    @Override
    protected void onBeforeEach(WireMockRuntimeInfo info) {
        recorder.takeViolations();
    }

    @Override
    protected void onAfterEach(WireMockRuntimeInfo info) {
        recorder.assertNoViolations();
    }
}
