package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which containers of a Swarm stack speak for it now: those of its current tasks, not the task history. */
class ContainerInfosTest {
    private static ContainerInfo task(String id, String service, String state) {
        return new ContainerInfo(id, "stack_" + service + "." + id, null, service, "app:v1", "sha256:" + id, state,
            "none", "exited".equals(state) ? 137 : null);
    }

    @Test
    void replacedTasksAreLeftOutAndEveryRunningReplicaKept() {
        List<ContainerInfo> newestFirst = List.of(task("c3", "web", "running"), task("c2", "web", "exited"),
            task("c1", "web", "running"), task("p2", "postgres", "running"), task("p1", "postgres", "exited"));

        assertThat(ContainerInfos.currentTasks(newestFirst)).extracting(ContainerInfo::id)
            .containsExactly("c3", "c1", "p2");
    }

    @Test
    void aServiceWithNothingRunningShowsItsNewestContainer() {
        List<ContainerInfo> newestFirst = List.of(task("c2", "web", "exited"), task("c1", "web", "exited"));

        assertThat(ContainerInfos.currentTasks(newestFirst)).extracting(ContainerInfo::id).containsExactly("c2");
    }
}
