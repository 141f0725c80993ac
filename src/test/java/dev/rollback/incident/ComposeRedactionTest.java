package dev.rollback.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The resolved compose config in a bundle keeps its shape and loses every secret. */
class ComposeRedactionTest {
    private static final String CONFIG = """
        services:
          backend:
            image: merq/backend:current
            environment:
              DATABASE_URL: postgres://merq:hunter2@postgres:5432/merq
              LOG_LEVEL: debug
            ports:
            - published: 8080
              target: 80
            labels:
              traefik.http.middlewares.auth.basicauth.users: admin:$$apr1$$xyz
              com.example.team: payments
            command: ["serve", "--jwt-secret=abc123"]
          web:
            image: merq/web:current
            environment:
            - API_TOKEN=tok-123
            - PLAIN
            healthcheck:
              test: ["CMD", "wget", "-q", "http://user:pw123@127.0.0.1/health"]
        x-settings:
          smtp_password: mail-secret
          replicas: 2
        """;

    @Test
    void environmentValuesAndSecretLookingKeysAreRedactedTheRestIsKept() {
        String redacted = ComposeRedaction.redact(CONFIG);

        assertThat(redacted).doesNotContain("hunter2", "debug", "tok-123", "apr1", "mail-secret", "pw123")
            .contains("DATABASE_URL: \"<redacted>\"", "LOG_LEVEL: \"<redacted>\"", "API_TOKEN=<redacted>",
                "smtp_password: \"<redacted>\"", "com.example.team: \"payments\"", "image: \"merq/backend:current\"",
                "published: 8080", "replicas: 2", "http://user:<redacted>@127.0.0.1/health", "--jwt-secret=<redacted>");
    }

    @Test
    void textThatIsNotYamlIsNotCopied() {
        assertThatThrownBy(() -> ComposeRedaction.redact("services: [unclosed\n  password: x"))
            .hasMessageContaining("cannot be redacted").hasMessageNotContaining("password: x");
    }
}
