package dev.rollback.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import org.junit.jupiter.api.Test;

class SecretDestinationTest {
    @Test
    void loopbackIsLocalhost127Slash8AndIpv6OneAsWritten() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1",
            "[0:0:0:0:0:0:0:1]"}) {
            assertThat(SecretDestination.isLoopback(host)).as(host).isTrue();
        }
        for (String host : new String[] {"10.0.0.5", "128.0.0.1", "localhost.example.com", "127.0.0.1.nip.io",
            "dokploy.example.com", "[::2]", "0.0.0.0", "", null}) {
            assertThat(SecretDestination.isLoopback(host)).as(String.valueOf(host)).isFalse();
        }
    }

    @Test
    void httpsGoesAnywhereAndPlainHttpOnlyToThisMachine() {
        assertThat(SecretDestination.require("dokploy.url", "https://dokploy.example.com", "the API key"))
            .hasHost("dokploy.example.com");
        assertThat(SecretDestination.require("dokploy.url", "http://127.0.0.1:3000/", "the API key")).hasPort(3000);
        assertThat(SecretDestination.require("dokploy.url", "HTTP://localhost:3000", "the API key")).hasHost("localhost");
        assertThat(SecretDestination.allows("http", "[::1]")).isTrue();
        assertThat(SecretDestination.allows("ftp", "localhost")).isFalse();
    }

    @Test
    void plainHttpToAnotherHostIsAConfigErrorNamingTheKey() {
        RollbackException e = catchThrowableOfType(RollbackException.class,
            () -> SecretDestination.require("git.forge-api", "http://ghe.example.com/api/v3", "the forge token"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).isEqualTo("git.forge-api 'http://ghe.example.com/api/v3' must be an https:// address"
            + " with a host (plain http only to this machine: localhost, 127.0.0.0/8, ::1): the forge token travels"
            + " with every request");
    }

    @Test
    void credentialsInTheUrlAndUrlsWithoutHostAreRefusedWithoutEchoingThem() {
        RollbackException userinfo = catchThrowableOfType(RollbackException.class,
            () -> SecretDestination.require("dokploy.url", "https://admin:hunter2@d.example.com", "the API key"));
        RollbackException noHost = catchThrowableOfType(RollbackException.class,
            () -> SecretDestination.require("dokploy.url", "dokploy.example.com", "the API key"));
        RollbackException invalid = catchThrowableOfType(RollbackException.class,
            () -> SecretDestination.require("dokploy.url", "https://d.example.com/a b", "the API key"));

        assertThat(userinfo.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(userinfo.getMessage()).doesNotContain("hunter2").contains("must not carry credentials");
        assertThat(noHost.getMessage()).contains("must be an https:// address");
        assertThat(invalid.getMessage()).contains("is not a valid URL");
    }
}
