package dev.rollback.adapters.dokploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.RollbackException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DokployUrlTest {
    @Test
    void trailingSlashesAndApiAreDroppedFromTheBase() {
        for (String written : new String[] {"https://dokploy.example.com", "https://dokploy.example.com/",
            "https://dokploy.example.com/api", "https://dokploy.example.com/api/", " https://dokploy.example.com// "}) {
            DokployUrl url = DokployUrl.parse(written);

            assertThat(url.toString()).as(written).isEqualTo("https://dokploy.example.com");
            assertThat(url.api("deployment.all", Map.of()))
                .isEqualTo(URI.create("https://dokploy.example.com/api/deployment.all"));
        }
    }

    @Test
    void aPathPrefixAndPortAreKept() {
        DokployUrl url = DokployUrl.parse("https://10.0.0.5:3000/panel/");

        assertThat(url.api("compose.redeploy", Map.of()))
            .isEqualTo(URI.create("https://10.0.0.5:3000/panel/api/compose.redeploy"));
    }

    @Test
    void plainHttpIsForThisMachineOnly() {
        assertThat(DokployUrl.parse("http://127.0.0.1:3000/").api("deployment.all", Map.of()))
            .isEqualTo(URI.create("http://127.0.0.1:3000/api/deployment.all"));
        RollbackException e = org.assertj.core.api.Assertions.catchThrowableOfType(RollbackException.class,
            () -> DokployUrl.parse("http://10.0.0.5:3000/panel/"));

        assertThat(e.exitCode()).isEqualTo(dev.rollback.core.ExitCode.USAGE);
        assertThat(e.getMessage()).startsWith("dokploy.url 'http://10.0.0.5:3000/panel/' must be an https:// address")
            .contains("the API key travels with every request");
    }

    @Test
    void queryValuesAreEncodedInOrder() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("applicationId", "a b&c");
        query.put("x", "1");

        assertThat(DokployUrl.parse("https://d.example.com").api("deployment.all", query))
            .hasToString("https://d.example.com/api/deployment.all?applicationId=a+b%26c&x=1");
    }
}
