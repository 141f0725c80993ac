package dev.rollback.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretArgumentsTest {
    @Test
    void aSecretGivenAsTheNextArgumentOfASecretLookingFlag() {
        assertThat(SecretArguments.values(List.of("redis-server", "--requirepass", "s3cret-A", "--port", "6379")))
            .containsExactly("s3cret-A");
        assertThat(SecretArguments.values(List.of("app", "-password", "s3cret-B", "--token", "tok-C")))
            .containsExactly("s3cret-B", "tok-C");
    }

    @Test
    void aSecretAfterAnEqualsSignOrInAUrl() {
        assertThat(SecretArguments.values(List.of("--db-password=s3cret-D", "API_KEY=key-E",
            "--url", "postgres://merq:s3cret-F@db:5432/merq", "--mode=fast")))
            .containsExactly("s3cret-D", "key-E", "s3cret-F");
    }

    @Test
    void anArgumentThatIsACommandLineIsReadWordByWord() {
        assertThat(SecretArguments.values(List.of("sh", "-c", "exec redis-server --requirepass 's3cret-G' --save ''")))
            .containsExactly("s3cret-G");
    }

    @Test
    void aFlagFollowedByAnotherFlagOrNothingHasNoValue() {
        assertThat(SecretArguments.values(List.of("docker", "login", "--password-stdin", "--username", "ops"))).isEmpty();
        assertThat(SecretArguments.values(List.of("serve", "--token"))).isEmpty();
        assertThat(SecretArguments.values(List.of("serve", "--port", "80", "--verbose"))).isEmpty();
    }
}
