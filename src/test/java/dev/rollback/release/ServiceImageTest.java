package dev.rollback.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceImageTest {
    @Test
    void aSwarmServiceIsPointedAtItsOwnRepositorysDigestWhichEveryNodeCanPullElseAtTheProtectiveTag() {
        ServiceImage pushed = new ServiceImage("reg:5000/app:v1", "sha256:1", "reg:5000/app:rollback-r1",
            "reg:5000/app@sha256:abc");
        ServiceImage builtHere = new ServiceImage("app:v1", "sha256:1", "app:rollback-r1");
        ServiceImage pushedElsewhere = new ServiceImage("merq/backend:current", "sha256:1",
            "merq/backend:rollback-r1", "reg:5000/app@sha256:abc");

        assertThat(pushed.pinnedReference()).isEqualTo("reg:5000/app@sha256:abc");
        assertThat(builtHere.pinnedReference()).isEqualTo("app:rollback-r1");
        assertThat(pushedElsewhere.pinnedReference()).isEqualTo("merq/backend:rollback-r1");
    }
}
