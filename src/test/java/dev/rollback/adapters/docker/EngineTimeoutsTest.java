package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The table of bounds per Engine API call kind (docs/architecture.md, "Every wait is bounded"). */
class EngineTimeoutsTest {
    private final EngineTimeouts bounds = EngineTimeouts.DEFAULTS;

    @Test
    void readsGetSeconds() {
        assertThat(bounds.boundFor("GET", "/containers/web-1/json")).contains(Duration.ofSeconds(30));
        assertThat(bounds.boundFor("GET", "/containers/json?all=1&filters=%7B%7D")).contains(Duration.ofSeconds(30));
        assertThat(bounds.boundFor("GET", "/services/web")).contains(Duration.ofSeconds(30));
    }

    @Test
    void aStopGetsItsGracePlusAMargin() {
        assertThat(bounds.boundFor("POST", "/containers/abc/stop?t=30")).contains(Duration.ofSeconds(45));
        assertThat(bounds.boundFor("POST", "/v1.41/containers/abc/restart?signal=TERM&t=120"))
            .contains(Duration.ofSeconds(135));
        assertThat(bounds.boundFor("POST", "/containers/abc/stop")).contains(Duration.ofSeconds(25));
    }

    @Test
    void otherChangesGetAMinute() {
        assertThat(bounds.boundFor("POST", "/containers/create?name=x")).contains(Duration.ofSeconds(60));
        assertThat(bounds.boundFor("POST", "/containers/abc/start")).contains(Duration.ofSeconds(60));
        assertThat(bounds.boundFor("DELETE", "/containers/abc?force=true&v=true")).contains(Duration.ofSeconds(60));
        assertThat(bounds.boundFor("POST", "/services/abc/update?version=12")).contains(Duration.ofSeconds(60));
        assertThat(bounds.boundFor("POST", "/containers/abc/exec")).contains(Duration.ofSeconds(60));
    }

    @Test
    void streamsAreLeftToTheirCallers() {
        assertThat(bounds.boundFor("GET", "/containers/abc/logs?stdout=1&tail=200")).isEmpty();
        assertThat(bounds.boundFor("POST", "/containers/abc/wait")).isEmpty();
        assertThat(bounds.boundFor("POST", "/exec/abc/start")).isEmpty();
        assertThat(bounds.boundFor("POST", "/v1.41/images/create?fromImage=alpine")).isEmpty();
        assertThat(bounds.boundFor("GET", "/events?since=1")).isEmpty();
    }
}
