package dev.rollback.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Volumes} through one {@link HelperContainer} per operation, as the strategies document does it:
 * <ul>
 *   <li>archive: the volume read-only at {@code /data}, the archive's directory at {@code /backup},
 *       {@code tar czf /backup/NAME -C / data}, so every entry starts with {@code data/}; files a
 *       running service removes meanwhile are a warning, not a failure ({@link ChangedWhileRead});</li>
 *   <li>refill: the volume read-write, the archive's directory read-only; a constant script empties
 *       the volume (dotfiles too) and extracts, with the file name as its positional argument.</li>
 * </ul>
 * The archive file is created here first, owner-only (a database volume holds data worth a
 * secret), and tar writes into it: root in the helper keeps the file's owner and mode.
 *
 * <p>The helper image is never pulled here: a missing image is a refusal (exit 3) that says what
 * to do. Steps that may pull it (backup --volumes, unless --no-pull) do so through
 * {@code Docker.pull} before they get here, so a pull happens once, bounded, and in the plan. The archive directory must be on
 * the daemon's machine: a bind mount names a path there.
 */
public final class DockerVolumes implements Volumes {
    /** Big volumes take a while through gzip; a wedged helper must still not hang a rollback forever. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    /** Docker's own rule for volume names; anything else never reaches a mount specification. */
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final String DATA = "/data";
    private static final String BACKUP = "/backup";
    /**
     * Empties {@code /data} (the three globs cover dotfiles and names starting with two dots; an
     * unmatched glob stays literal and {@code rm -f} ignores it) and extracts {@code /backup/$1}.
     */
    static final String REFILL_SCRIPT =
        "set -e; rm -rf /data/* /data/.[!.]* /data/..?*; tar --numeric-owner -xzf \"/backup/$1\" -C /";
    private static final Logger LOG = LoggerFactory.getLogger(DockerVolumes.class);

    private final DockerClient client;
    private final DockerErrors errors;
    private final String helperImage;
    private final HelperContainer helper;

    DockerVolumes(DockerClient client, DockerErrors errors, String helperImage, Duration timeout) {
        this.client = client;
        this.errors = errors;
        this.helperImage = Objects.requireNonNull(helperImage, "helperImage");
        this.helper = new HelperContainer(client, errors, helperImage, timeout);
    }

    @Override
    public List<String> projectVolumes(String project) {
        return Stream.of(ContainerInfos.PROJECT_LABEL, SwarmEngine.STACK_LABEL)
            .flatMap(label -> labelled(label + "=" + project, project).stream())
            .distinct().sorted().toList();
    }

    private List<String> labelled(String label, String project) {
        List<InspectVolumeResponse> volumes = errors.call("list the volumes of", "project " + project, () ->
            client.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes());
        return volumes == null ? List.of() : volumes.stream().map(InspectVolumeResponse::getName).toList();
    }

    @Override
    public boolean exists(String volume) {
        requireValidName(volume);
        return errors.call("inspect", "volume " + volume, () -> {
            try {
                client.inspectVolumeCmd(volume).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public String helperImage() {
        return helperImage;
    }

    @Override
    public void requireHelperImage() {
        errors.call("inspect", "helper image " + helperImage, () -> {
            try {
                return client.inspectImageCmd(helperImage).exec();
            } catch (NotFoundException e) {
                throw RollbackException.refused("helper image " + helperImage
                    + " is not present; pull it or set docker.helper-image");
            }
        });
    }

    @Override
    public List<String> runningContainersUsing(String volume) {
        requireValidName(volume);
        List<Container> containers = errors.call("list the containers using", "volume " + volume, () ->
            client.listContainersCmd().withVolumeFilter(List.of(volume)).withStatusFilter(List.of("running")).exec());
        return containers.stream().map(DockerVolumes::name).sorted().toList();
    }

    @Override
    public List<String> archive(String volume, Path archive) {
        Path file = archive.toAbsolutePath().normalize();
        requireExisting(volume);
        requireHelperImage();
        createOwnerOnly(file);
        LOG.info("archiving volume {} (mounted read-only) to {}", volume, file);
        boolean written = false;
        try {
            List<String> changed = helper.run("archive of volume " + volume, volume,
                List.of(volumeMount(volume, true), directoryMount(file.getParent(), false)),
                List.of("tar", "czf", BACKUP + "/" + file.getFileName(), "-C", "/", "data"), ChangedWhileRead::only);
            written = true;
            if (!changed.isEmpty()) {
                LOG.warn("{} file(s) of volume {} changed or vanished while tar read them, e.g. {}: a running service"
                    + " wrote them (as PostgreSQL recycles WAL segments); the archive holds the volume as tar saw it",
                    changed.size(), volume, changed.get(0));
            }
            return changed;
        } finally {
            if (!written) {
                deleteQuietly(file);
            }
        }
    }

    @Override
    public void refill(String volume, Path archive) {
        Path file = archive.toAbsolutePath().normalize();
        requireExisting(volume);
        requireHelperImage();
        if (!Files.isRegularFile(file)) {
            throw RollbackException.refused("volume archive " + file + " not found");
        }
        LOG.info("refilling volume {} from {}: its current content is deleted first", volume, file);
        helper.run("refill of volume " + volume, volume,
            List.of(volumeMount(volume, false), directoryMount(file.getParent(), true)),
            List.of("sh", "-c", REFILL_SCRIPT, "sh", file.getFileName().toString()));
    }

    private void requireExisting(String volume) {
        if (!exists(volume)) {
            throw errors.notFound("volume " + volume, null);
        }
    }

    private static void requireValidName(String volume) {
        if (volume == null || !VOLUME_NAME.matcher(volume).matches()) {
            throw RollbackException.usage("'" + volume + "' is not a volume name (Docker allows [a-zA-Z0-9][a-zA-Z0-9_.-]+)");
        }
    }

    private static Mount volumeMount(String volume, boolean readOnly) {
        return new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(DATA).withReadOnly(readOnly);
    }

    private static Mount directoryMount(Path directory, boolean readOnly) {
        return new Mount().withType(MountType.BIND).withSource(directory.toString()).withTarget(BACKUP)
            .withReadOnly(readOnly);
    }

    private static void createOwnerOnly(Path file) {
        try {
            PrivateFiles.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw RollbackException.refused("cannot archive to " + file + ": the file already exists");
        } catch (NoSuchFileException e) {
            throw RollbackException.refused("cannot archive to " + file + ": its directory does not exist");
        } catch (IOException | UnsupportedOperationException e) {
            throw RollbackException.refused("cannot create " + file + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the incomplete archive {}: {}", file, e.getMessage());
        }
    }

    private static String name(Container container) {
        String[] names = container.getNames();
        String name = names != null && names.length > 0 ? names[0] : container.getId();
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
