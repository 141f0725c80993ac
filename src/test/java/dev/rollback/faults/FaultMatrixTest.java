package dev.rollback.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One command's fault matrix: a subclass brings the stack up once ({@code @BeforeAll}, then
 * {@link #startRunner}), names the plan's steps, and lists its faults in a static {@code faults()}.
 * The commands' matrices run side by side, each one's cases one after another on its own stack.
 */
@ExtendWith(FaultMatrix.class)
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultMatrixTest implements FaultSubject {
    /**
     * The stack's directory: its compose file or checkout, rollback.yml, backups, state dir. Made
     * here, not by {@code @TempDir}: an instance one comes too late for {@code @BeforeAll}, and a
     * static one would be shared by the matrices running side by side.
     */
    final Path dir;

    private final String command;
    private final List<String> steps;
    private final Map<String, String> folded;
    private final String oldVersion;
    private final String targetVersion;
    private FaultRunner runner;
    private AutoCloseable stack;

    /**
     * @param steps  the plan's step ids, in order
     * @param folded boundaries left out → the covered boundary that starts from the same state (the
     *               steps between them only read, wait, or write what the covered case leaves too)
     */
    FaultMatrixTest(String command, List<String> steps, Map<String, String> folded, String oldVersion,
                    String targetVersion) {
        this.command = command;
        this.steps = steps;
        this.folded = folded;
        this.oldVersion = oldVersion;
        this.targetVersion = targetVersion;
        try {
            this.dir = Files.createTempDirectory("rollback-faults-" + command + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command's options after its name; {@code --yes -o json} follow. */
    abstract List<String> options();

    /** kill -9 before every step, but the folded ones. */
    static Stream<Fault> killsAtBoundaries(List<String> steps, Map<String, String> folded) {
        return steps.stream().filter(step -> !folded.containsKey(step)).map(Fault::killBefore);
    }

    /** Once the stack is up: reads the plan from a dry run; the stack is closed after the last case. */
    void startRunner(AutoCloseable stack) {
        this.stack = stack;
        runner = new FaultRunner(this);
    }

    @AfterAll
    void closeStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        Shell.run(null, Map.of(), "rm", "-rf", dir.toString());
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public Path stateDir() {
        return dir.resolve(".rollback");
    }

    @Override
    public List<String> args() {
        List<String> args = new ArrayList<>(List.of("--config", dir.resolve("rollback.yml").toString(), command));
        args.addAll(options());
        args.addAll(List.of("--yes", "-o", "json"));
        return args;
    }

    @Override
    public String oldVersion() {
        return oldVersion;
    }

    @Override
    public String targetVersion() {
        return targetVersion;
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void theMatrixKnowsEveryStepBoundary() {
        assertThat(runner.plan()).as("the plan of " + command + "; a new step needs its fault cases")
            .containsExactlyElementsOf(steps);
        folded.forEach((step, same) -> {
            assertThat(steps).contains(step, same);
            assertThat(folded).as("a folded boundary maps to a covered one").doesNotContainKey(same);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    @Execution(ExecutionMode.SAME_THREAD)
    void invariantsHold(Fault fault) throws Exception {
        runner.run(fault);
    }
}
