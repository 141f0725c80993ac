package dev.rollback.inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every container created while it runs ({@code docker events}), inspected at once for what it
 * was started with: entrypoint, command and args. The tool's helpers are short-lived; one that is
 * gone before it can be inspected is counted, and its processes are still in {@link ArgvSampler}.
 */
final class HelperContainers implements AutoCloseable {
    private final String project;
    private final Process events;
    private final Thread reader;
    private final List<String> inspected = new ArrayList<>();
    private int missed;
    private boolean closed;

    private HelperContainers(String project) throws IOException {
        this.project = project;
        // --since: the events of the run from its first moment, however long the stream takes to attach.
        events = new ProcessBuilder("docker", "events", "--since", String.valueOf(System.currentTimeMillis() / 1000 - 1),
            "--filter", "type=container", "--filter", "event=create", "--format",
            "{{.Actor.ID}} {{index .Actor.Attributes \"com.docker.compose.project\"}}"
                + " {{index .Actor.Attributes \"dev.rollback.helper.volume\"}}")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        reader = new Thread(this::read, "helper-containers");
        reader.setDaemon(true);
        reader.start();
    }

    /** Containers of compose project {@code project}, and the tool's helpers working on its volumes. */
    static HelperContainers watch(String project) {
        try {
            return new HelperContainers(project);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8))) {
            String event;
            while ((event = lines.readLine()) != null) {
                if (!ours(event)) {
                    continue;   // another project on this engine
                }
                String startedWith = inspect(event.substring(0, event.indexOf(' ')));
                synchronized (this) {
                    if (startedWith == null) {
                        missed++;
                    } else {
                        inspected.add(startedWith);
                    }
                }
            }
        } catch (IOException ended) {
            // docker events was stopped
        }
    }

    /** "id project volume": a container of the project, or a helper working on one of its volumes. */
    private boolean ours(String event) {
        String[] fields = event.split(" ", -1);
        return fields.length == 3 && (fields[1].equals(project) || fields[2].startsWith(project + "_"));
    }

    private static String inspect(String id) throws IOException {
        Process inspect = new ProcessBuilder("docker", "inspect", "-f",
            "{{.Name}} {{json .Path}} {{json .Args}} {{json .Config.Entrypoint}} {{json .Config.Cmd}}", id)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            return inspect.waitFor(10, TimeUnit.SECONDS) && inspect.exitValue() == 0 ? out : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** What each container created meanwhile was started with. */
    synchronized List<String> inspected() {
        return List.copyOf(inspected);
    }

    synchronized int missed() {
        return missed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Thread.sleep(300);   // the last create events of the run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.destroy();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
