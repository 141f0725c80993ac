package dev.rollback.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test bed's registry on {@value #ADDRESS} (testbed/setup.sh starts it), as a test uses it:
 * push an image under a name of the test's own ({@code 127.0.0.1:5000/<project>/…}), take it off
 * the host, and clean up afterwards, both here and in the registry, so tests never take an image
 * away from each other.
 */
final class LocalRegistry implements AutoCloseable {
    static final String ADDRESS = "127.0.0.1:5000";

    private final String namespace;
    private final List<String> pushed = new ArrayList<>();

    /** @param namespace the test's own first path component, e.g. its compose project */
    LocalRegistry(String namespace) {
        this.namespace = namespace;
    }

    /** {@code 127.0.0.1:5000/<namespace>/<name>}. */
    String reference(String name) {
        return ADDRESS + "/" + namespace + "/" + name;
    }

    /** Tags {@code local} as {@code reference(name)} and pushes it; returns its digest reference. */
    String push(String local, String name) {
        String reference = reference(name);
        docker("tag", local, reference);
        docker("push", "-q", reference);
        String digest = docker("image", "inspect", "-f",
            "{{range .RepoDigests}}{{println .}}{{end}}", reference).out().lines()
            .filter(d -> d.startsWith(reference.substring(0, reference.lastIndexOf(':')) + "@")).findFirst()
            .orElseThrow(() -> new IllegalStateException("no digest of " + reference + " after the push"));
        pushed.add(digest);
        return digest;
    }

    /**
     * A unique image (its own ID, so removing it takes nothing from other tests): {@code base}
     * committed with a label naming the test.
     */
    String uniqueImage(String base, String tag) {
        String cid = docker("create", base).out().strip();
        try {
            String reference = namespace + "/unique:" + tag;
            docker("commit", "--change", "LABEL rollback.test=" + namespace + "-" + tag, cid, reference);
            return reference;
        } finally {
            docker("rm", cid);
        }
    }

    static boolean present(String reference) {
        return Shell.run(null, Map.of(), 60, List.of("docker", "image", "inspect", reference)).exitCode() == 0;
    }

    /** Removes tags from the host (without force: an image a container uses keeps its last tag). */
    static void removeLocally(String... references) {
        for (String reference : references) {
            Shell.run(null, Map.of(), 60, List.of("docker", "rmi", reference));
        }
    }

    /** Deletes what this test pushed from the registry (its storage allows deletes) and its local tags. */
    @Override
    public void close() {
        for (String digest : pushed) {
            int at = digest.indexOf('@');
            String repository = digest.substring(ADDRESS.length() + 1, at);
            Shell.run(null, Map.of(), 30, List.of("curl", "-s", "-o", "/dev/null", "-X", "DELETE",
                "http://" + ADDRESS + "/v2/" + repository + "/manifests/" + digest.substring(at + 1)));
        }
        String tags = Shell.run(null, Map.of(), 60, List.of("docker", "images", "--format",
            "{{.Repository}}:{{.Tag}}", "--filter", "reference=" + ADDRESS + "/" + namespace + "/*")).out();
        tags.lines().filter(t -> !t.isBlank() && !t.endsWith(":<none>")).forEach(LocalRegistry::removeLocally);
        String digests = Shell.run(null, Map.of(), 60, List.of("docker", "images", "--digests", "--format",
            "{{.Repository}}@{{.Digest}}", "--filter", "reference=" + ADDRESS + "/" + namespace + "/*")).out();
        digests.lines().filter(d -> !d.isBlank() && !d.endsWith("@<none>")).forEach(LocalRegistry::removeLocally);
    }

    private static Shell.Result docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run((Path) null, Map.of(), 120, argv).requireSuccess(argv);
    }
}
