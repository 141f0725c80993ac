package dev.rollback.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.docker.Swarm;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwarmServiceCheckTest {

    @Test
    void aServiceWhoseTasksDoNotRunSaysTheNewestTaskError() {
        HealthResult result = check(new Swarm.SwarmService("id", "shop_api", "shop/api:v3", null, 7, 1, 0, null,
            "No such image: shop/api:v3")).probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("0/1 tasks running; last task error: No such image: shop/api:v3");
    }

    @Test
    void aRunningServiceDoesNotRepeatAnOldTaskError() {
        HealthResult result = check(new Swarm.SwarmService("id", "shop_api", "shop/api:v1", "sha256:v1", 7, 1, 1,
            "completed", "task: non-zero exit (1)")).probe();

        assertThat(result.healthy()).isTrue();
        assertThat(result.detail()).isEqualTo("1/1 tasks running, update completed");
    }

    /** A Swarm that knows this one service; any other call fails the test. */
    private static SwarmServiceCheck check(Swarm.SwarmService service) {
        Swarm swarm = (Swarm) Proxy.newProxyInstance(Swarm.class.getClassLoader(), new Class<?>[] {Swarm.class},
            (proxy, method, args) -> {
                if (method.getName().equals("service") && service.name().equals(args[0])) {
                    return Optional.of(service);
                }
                throw new AssertionError("unexpected call: " + method.getName());
            });
        return new SwarmServiceCheck(swarm, service.name());
    }
}
