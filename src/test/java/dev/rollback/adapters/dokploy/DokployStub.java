package dev.rollback.adapters.dokploy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.contract.DokployContract;
import dev.rollback.core.config.DokployConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

/** A WireMock stand-in for a Dokploy panel on 127.0.0.1, and clients pointed at it. */
final class DokployStub {
    /** Distinctive, so a test can prove it appears in no message. */
    static final String KEY = "dk_test_Zq8vN3xWk5pL";
    static final Map<String, String> ENV = Map.of("DOKPLOY_API_KEY", KEY);

    private DokployStub() {
    }

    /** Holds every request the tests send against Dokploy's published document ({@link DokployContract}). */
    static ContractCheckedStub extension() {
        return ContractCheckedStub.of(new DokployContract());
    }

    static DokployClient client(WireMockExtension stub) {
        return DokployClient.fromConfig(config(stub.baseUrl()), ENV);
    }

    /** A client whose requests give up after {@code timeout}, so timeout tests stay fast. */
    static DokployClient client(WireMockExtension stub, Duration timeout) {
        return new DokployClient(DokployUrl.parse(stub.baseUrl()), DokployClient.key(null, ENV), timeout);
    }

    static DokployConfig config(String url) {
        return new DokployConfig(url, null, "app-1", null, null);
    }

    /** A port on 127.0.0.1 that nothing listens on (free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Three rows of {@code deployment.all} as Dokploy sends them: newest first, every column present. */
    static final String APPLICATION_DEPLOYMENTS = """
        [
          {"deploymentId": "dep-3", "title": "Rebuild deployment", "description": "", "status": "running",
           "logPath": "/etc/dokploy/logs/shop-api/shop-api-2025-03-01:10:05:00.log", "pid": "4121",
           "applicationId": "app-1", "composeId": null, "serverId": null, "isPreviewDeployment": false,
           "previewDeploymentId": null, "createdAt": "2025-03-01T10:05:00.000Z",
           "startedAt": "2025-03-01T10:05:01.250Z", "finishedAt": null, "errorMessage": null,
           "scheduleId": null, "backupId": null, "rollbackId": null, "volumeBackupId": null},
          {"deploymentId": "dep-2", "title": "Manual deployment", "description": null, "status": "done",
           "logPath": "/etc/dokploy/logs/shop-api/shop-api-2025-02-28:09:00:00.log", "pid": null,
           "applicationId": "app-1", "composeId": null, "serverId": null, "isPreviewDeployment": false,
           "previewDeploymentId": null, "createdAt": "2025-02-28T09:00:00.000Z",
           "startedAt": "2025-02-28T09:00:02.000Z", "finishedAt": "2025-02-28T09:03:40.500Z",
           "errorMessage": null, "scheduleId": null, "backupId": null, "rollbackId": "rb-2",
           "volumeBackupId": null},
          {"deploymentId": "dep-1", "title": "Manual deployment", "description": null, "status": "error",
           "logPath": "/etc/dokploy/logs/shop-api/shop-api-2025-02-27:08:00:00.log", "pid": null,
           "applicationId": "app-1", "composeId": null, "serverId": null, "isPreviewDeployment": false,
           "previewDeploymentId": null, "createdAt": "2025-02-27T08:00:00.000Z",
           "startedAt": null, "finishedAt": "2025-02-27T08:00:09.000Z",
           "errorMessage": "Error: build failed with exit code 1", "scheduleId": null, "backupId": null,
           "rollbackId": null, "volumeBackupId": null}
        ]
        """;
}
