package dev.rollback.adapters.docker;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test volumes, made, filled and read with the docker CLI and the fixture busybox image (never
 * with the code under test). Each carries its run's compose project label, so
 * {@link TestDocker#sweep} removes them.
 */
public final class VolumeFixture {
    public static final String HELPER_IMAGE = "rollback-fixture/busybox:latest";
    /**
     * One line per path under /data, sorted: name, mode, owner, size, SHA-256 of a file's content
     * ("-" for directories and links). What a restore must bring back exactly.
     */
    private static final String CONTENT = "cd /data && find . | sort | while IFS= read -r f; do"
        + " if [ -f \"$f\" ] && [ ! -L \"$f\" ]; then s=$(sha256sum \"$f\" | cut -d' ' -f1); else s=-; fi;"
        + " echo \"$(stat -c '%n %a %u:%g %s' \"$f\") $s\"; done";
    /** As {@link #CONTENT} plus modification and change times: what an archive must not alter. */
    private static final String EVERYTHING = CONTENT.replace("%n %a %u:%g %s", "%n %a %u:%g %s %Y %Z");

    private VolumeFixture() {
    }

    /**
     * What a volume IT holds for its whole class, as a JUnit extension
     * ({@code @RegisterExtension static final VolumeFixture.Live live = new VolumeFixture.Live();}):
     * a unique project for its volumes, the engine, and the volumes adapter with the fixture helper
     * image. After the class, the project's volumes and containers are swept and the client closed.
     */
    public static final class Live implements BeforeAllCallback, AfterAllCallback {
        public final String project = uniqueProject();
        private DockerEngine engine;
        private Volumes volumes;

        @Override
        public void beforeAll(ExtensionContext context) {
            TestDocker.quietLogs();
            engine = DockerEngine.connect(null);
            volumes = engine.volumes(HELPER_IMAGE);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            sweep(project);
            if (engine != null) {
                engine.close();
            }
        }

        public DockerEngine engine() {
            return engine;
        }

        public Volumes volumes() {
            return volumes;
        }
    }

    /** A project name no other run uses, as {@link TestDocker#uniqueProject}. */
    public static String uniqueProject() {
        return TestDocker.uniqueProject();
    }

    /** Creates a volume labelled as compose labels a project's volume. */
    public static String create(String project, String name) {
        String volume = project + "_" + name;
        TestDocker.docker("volume", "create", "--label", ContainerInfos.PROJECT_LABEL + "=" + project,
            "--label", "com.docker.compose.volume=" + name, volume);
        return volume;
    }

    /** Runs a shell script with the volume at /data (read-write). */
    public static String sh(String volume, String script) {
        return TestDocker.docker("run", "--rm", "--network", "none", "-v", volume + ":/data", HELPER_IMAGE, "sh", "-c",
            script);
    }

    /**
     * A little of everything a real volume holds: a dotfile, a name starting with two dots, a
     * nested directory, an empty one, a symlink, and files another user owns with private modes.
     */
    public static void fillTypical(String volume) {
        sh(volume, "set -e; mkdir -p /data/a/b /data/empty /data/pg; echo secret > /data/.env; echo x > /data/..odd;"
            + " echo nested > /data/a/b/c.txt; ln -s a/b/c.txt /data/link; echo 15 > /data/pg/PG_VERSION;"
            + " chown -R 999:999 /data/pg; chmod 700 /data/pg; chmod 600 /data/pg/PG_VERSION");
    }

    /** What a restore must bring back: see {@link #CONTENT}. */
    public static List<String> content(String volume) {
        return lines(readOnly(volume, CONTENT));
    }

    /** Content plus mtime and ctime of every path: see {@link #EVERYTHING}. */
    public static List<String> everything(String volume) {
        return lines(readOnly(volume, EVERYTHING));
    }

    private static String readOnly(String volume, String script) {
        return TestDocker.docker("run", "--rm", "--network", "none", "-v", volume + ":/data:ro", HELPER_IMAGE, "sh", "-c",
            script);
    }

    public static boolean exists(String volume) {
        return !TestDocker.docker("volume", "ls", "-q", "--filter", "name=^" + volume + "$").isBlank();
    }

    /** Helper containers of this volume still there (running or not). */
    public static List<String> helpersOf(String volume) {
        String ids = TestDocker.docker("ps", "-aq", "--filter", "label=" + HelperContainer.VOLUME_LABEL + "=" + volume);
        return ids.lines().filter(id -> !id.isBlank()).toList();
    }

    /** Removes the run's volumes and containers. */
    public static void sweep(String project) {
        TestDocker.sweep(project);
    }

    /** A running container that mounts the volume, labelled with the project; returns its name. */
    public static String runUsing(String project, String volume) {
        String name = volume + "-user";
        TestDocker.docker("run", "-d", "--name", name, "--label", ContainerInfos.PROJECT_LABEL + "=" + project,
            "-v", volume + ":/srv/data", TestDocker.APP_IMAGE + ":v1");
        return name;
    }

    private static List<String> lines(String output) {
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
