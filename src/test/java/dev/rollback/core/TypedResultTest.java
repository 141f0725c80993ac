package dev.rollback.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's result written as one record is the same JSON as key by key, and reads back typed. */
class TypedResultTest {
    public record Listing(String dir, List<String> names, int count) {
    }

    @TempDir
    Path stateDir;

    private Report run(FakeStep.Action apply) {
        return new Executor(stateDir, (c, d, a) -> true, Interruption.manual(), line -> { }, Clock.systemUTC())
            .run(Plan.builder("listing").readOnly().step(new FakeStep("list", new ArrayList<>()).onApply(apply)).build(),
                new Executor.Options(false, true));
    }

    @Test
    void eachComponentIsOneKeyOfTheResultInOrderAndTheRecordReadsBack() {
        Listing listing = new Listing("/backups", List.of("a.sql", "b.sql"), 2);

        Report typed = run(context -> context.result(listing));
        Report keyByKey = run(context -> context.result("dir", "/backups").result("names", List.of("a.sql", "b.sql"))
            .result("count", 2));

        assertThat(typed.result()).containsExactly(Map.entry("dir", "/backups"),
            Map.entry("names", List.of("a.sql", "b.sql")), Map.entry("count", 2));
        assertThat(Json.line(typed.result())).isEqualTo(Json.line(keyByKey.result()))
            .isEqualTo("{\"dir\":\"/backups\",\"names\":[\"a.sql\",\"b.sql\"],\"count\":2}");
        assertThat(typed.result(Listing.class)).contains(listing);
    }

    @Test
    void aResultWhoseStepDidNotRunReadsAsEmpty() {
        Report failed = run(context -> {
            throw RollbackException.refused("no backups dir");
        });

        assertThat(failed.result(Listing.class)).isEmpty();
    }

    @Test
    void aValueOfAnotherTypeNamesTheKey() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dir", "/backups");
        result.put("names", List.of());
        result.put("count", "two");

        assertThatThrownBy(() -> ResultRecord.read(result, Listing.class)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("count");
    }
}
