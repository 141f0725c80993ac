package dev.rollback.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The base address every API adapter builds its request URLs from. */
class ApiBaseTest {
    @Test
    void trailingSlashesAreDroppedAndPathsAppended() {
        ApiBase base = ApiBase.parse("x.url", " HTTPS://api.example.com/v3// ", "the token");

        assertThat(base).hasToString("https://api.example.com/v3");
        assertThat(base.resolve("/repos/a/b/pulls")).isEqualTo(URI.create("https://api.example.com/v3/repos/a/b/pulls"));
    }

    @Test
    void aQueryOrFragmentIsRefusedNamingTheKey() {
        for (String written : new String[] {"https://api.example.com/?token=x", "https://api.example.com/#top"}) {
            RollbackException e = catchThrowableOfType(RollbackException.class,
                () -> ApiBase.parse("x.url", written, "the token"));

            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.getMessage()).isEqualTo("x.url '" + written + "' must not have a query or fragment");
        }
    }

    @Test
    void withoutDropsASuffixOfThePathOnly() {
        assertThat(ApiBase.parse("x.url", "https://panel.example.com/api/", "the key").without("/api"))
            .hasToString("https://panel.example.com");
        assertThat(ApiBase.parse("x.url", "https://api", "the key").without("/api")).hasToString("https://api");
    }

    @Test
    void sameOriginIsSchemeHostAndPort() {
        ApiBase base = ApiBase.parse("x.url", "http://127.0.0.1:8080", "the token");

        assertThat(base.sameOrigin(URI.create("http://127.0.0.1:8080/v2/x?page=2"))).isTrue();
        assertThat(base.sameOrigin(URI.create("http://127.0.0.1:8081/v2/x"))).isFalse();
        assertThat(base.sameOrigin(URI.create("https://127.0.0.1:8080/v2/x"))).isFalse();
    }
}
