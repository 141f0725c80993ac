package dev.rollback.bluegreen;

import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

/**
 * Derives green's compose file from the revision's (see {@link GreenComposeFile}) and writes it to
 * {@code <state-dir>/blue-green/<stack>-green.yml}; the plan shows it in full. Refuses when a
 * shifted port is taken on this machine.
 */
final class GreenFileStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;

    GreenFileStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
        run.greenFilePath = in.settings().derivedDir().resolve(in.stack().greenProject() + ".yml");
    }

    @Override
    public String id() {
        return "generate-green-file";
    }

    @Override
    public String description() {
        return "write " + run.greenFilePath + ": the revision's compose file with the app services' host ports + "
            + in.settings().portOffset() + ", no container_name, blue's volumes shared";
    }

    @Override
    public void check(StepContext context) {
        byte[] compose = run.target.files().get(in.stack().files().composeFile()).orElseThrow();
        run.greenFile = GreenComposeFile.derive(compose, in.stack().name(), in.stack().appServices(),
            in.settings().portOffset(), releaseImages(), in.tools().sides().greenIsOwnStack());
        run.topology.requireServedBy(run.greenFile);
        if (run.leftGreen(in, context.memory()).isEmpty()) {
            for (PublishedPort port : run.greenFile.ports()) {
                requireFree(port);
            }
        } else {
            context.detail("ports", "held by the green an interrupted run left, until take-over-green removes it");
        }
        context.detail("path", run.greenFilePath.toString()).detail("changes", run.greenFile.changes())
            .detail("file", run.greenFile.shown())
            .result("greenFile", run.greenFile.shown());
    }

    /**
     * For a release target, the app services run its images by their protective tags: a mutable
     * reference ({@code :current}) names whatever was deployed last, not the release.
     */
    private java.util.Map<String, String> releaseImages() {
        java.util.Map<String, String> images = new java.util.TreeMap<>();
        if (run.rollbackTarget.release() != null) {
            run.rollbackTarget.release().services().forEach((service, image) -> {
                if (in.stack().appServices().contains(service)) {
                    images.put(service, image.protectTag());
                }
            });
        }
        return images;
    }

    /** Best effort, on this machine: a port docker-proxy could not bind would fail green's start later. */
    private void requireFree(PublishedPort port) {
        if (!port.tcp()) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(
                port.hostIp().isEmpty() ? "0.0.0.0" : port.hostIp()), port.greenPort()));
        } catch (IOException e) {
            throw RollbackException.refused("port " + port.greenPort() + " (" + port.service() + "'s " + port.hostPort()
                + " + offset " + in.settings().portOffset() + ") is in use; choose another --port-offset");
        }
    }

    @Override
    public void apply(StepContext context) throws IOException {
        // The revision's file may hold literal credentials: the derived one is the operator's only.
        PrivateFiles.replace(run.greenFilePath, run.greenFile.yaml().getBytes(StandardCharsets.UTF_8));
        context.detail("written", run.greenFilePath.toString());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) throws IOException {
        if (run.serving() == Side.GREEN) {
            context.skip("green serves; " + run.greenFilePath + " is what runs it");
            return;
        }
        Files.deleteIfExists(run.greenFilePath);
    }
}
