package dev.rollback.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import dev.rollback.core.Redactor;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.ConfigException;
import dev.rollback.core.config.NotifyConfig;
import dev.rollback.core.config.WebhookConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {
    private static final String PASSWORD = "pa\"ss-w0rd-sentinel";
    private static final Redactor MASK = new Redactor(List.of(PASSWORD, "T000/B000/XXXXtoken"));
    private static final RunNotice START = new RunNotice("start", "redeploy", 1, null, null, null, "web-1", null);
    private static final RunNotice FAILED = new RunNotice("end", "db-restore", 3, "failed", 12_345L,
        "backup /backups/db.dump", "web-1", "password authentication failed for " + PASSWORD + " at /T000/B000/XXXXtoken");

    private static JsonNode parse(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }

    @Test
    void slackGetsTextAndDiscordContent() throws Exception {
        assertThat(parse(WebhookBody.of("slack", START, MASK)).path("text").asText())
            .isEqualTo("rollback redeploy (level 1) on web-1: started");
        JsonNode discord = parse(WebhookBody.of("discord", FAILED, MASK));
        assertThat(discord.size()).isEqualTo(1);
        assertThat(discord.path("content").asText())
            .startsWith("rollback db-restore (level 3) on web-1: failed in 12.3s, backup /backups/db.dump: password");
    }

    @Test
    void jsonIsTheDocumentedObject() throws Exception {
        JsonNode end = parse(WebhookBody.of("json", FAILED, MASK));
        assertThat(end.path("event").asText()).isEqualTo("end");
        assertThat(end.path("command").asText()).isEqualTo("db-restore");
        assertThat(end.path("level").asInt()).isEqualTo(3);
        assertThat(end.path("status").asText()).isEqualTo("failed");
        assertThat(end.path("durationMs").asLong()).isEqualTo(12_345L);
        assertThat(end.path("subject").asText()).isEqualTo("backup /backups/db.dump");
        assertThat(end.path("host").asText()).isEqualTo("web-1");
        assertThat(end.path("error").asText()).startsWith("password authentication failed");
        JsonNode start = parse(WebhookBody.of("json", START, MASK));
        assertThat(start.path("status").isNull()).isTrue();
        assertThat(start.path("durationMs").isNull()).isTrue();
    }

    @Test
    void secretsAndTheWebhookPathAreMaskedInEveryFormat() {
        for (String format : WebhookConfig.FORMATS) {
            String body = WebhookBody.of(format, FAILED, MASK);
            assertThat(body).as(format).doesNotContain("w0rd-sentinel").doesNotContain("XXXXtoken").contains("<redacted>");
        }
    }

    @Test
    void aFailureOnlyWebhookHearsOnlyRunsThatDidNotSucceed() {
        assertThat(FAILED.failed()).isTrue();
        assertThat(START.failed()).isFalse();
        assertThat(new RunNotice("end", "backup", null, "succeeded", 1L, null, "h", null).failed()).isFalse();
    }

    @Test
    void badConfigurationNeverEchoesTheUrl() {
        assertThatThrownBy(() -> new WebhookConfig("https://hooks.slack.com/services/T0/B0/secretpath", "teams", null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("slack, discord, json")
            .hasMessageNotContaining("secretpath");
        assertThatThrownBy(() -> new WebhookConfig("hooks.slack.com/services/secretpath", null, null))
            .isInstanceOf(ConfigException.class).hasMessageNotContaining("secretpath");
        assertThatThrownBy(() -> new WebhookConfig("https://h.example/x", null, List.of("begin")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("start, end, failure");
        assertThat(new WebhookConfig("https://h.example/x", null, null).events()).containsExactly("start", "end");
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedNamingTheHostOnly() {
        NotifyConfig config = new NotifyConfig(
            List.of(new WebhookConfig("http://chat.example.com/hooks/secretpath", "json", null)), null);
        assertThatThrownBy(() -> Webhooks.of(config, List.of()))
            .isInstanceOf(RollbackException.class).hasMessageContaining("chat.example.com")
            .hasMessageNotContaining("secretpath");
    }
}
