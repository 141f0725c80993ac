package dev.rollback.adapters.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Compose} through the compose CLI: {@code docker compose} (v2) when installed, else
 * {@code docker-compose} (v1). Every call is an argv list run from the project's workdir with
 * {@code -p}, {@code -f} and, when the file exists, {@code --env-file}.
 *
 * <p>Images are never pulled here on purpose: a rollback must run exactly the images that are
 * already here, and the steps that fetch missing ones do it beforehand through the Engine API
 * ({@code Docker.pull}: bounded, exit 4 or 3 naming the image). v2 (2.15+) gets {@code --pull never}; older versions would pull an image that is missing,
 * so callers check that the target images exist before {@link #up} (SPEC safety rules).
 *
 * <p>{@link #config()} returns interpolated values, secrets included: never log it.
 */
public final class ComposeCli implements Compose {
    private static final Logger LOG = LoggerFactory.getLogger(ComposeCli.class);
    private static final Duration DETECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);
    /** Compose service names; also keeps a name from being read as an option ("--volumes"). */
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final List<String> V2 = List.of("docker", "compose");
    private static final List<String> V1 = List.of("docker-compose");
    /** Which compose is installed does not change while the tool runs; detect once. */
    private static final AtomicReference<ComposeVersion> DETECTED = new AtomicReference<>();

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ComposeProject project;
    private final ProcessRunner runner;
    private final Supplier<ComposeVersion> detector;
    private ComposeVersion version;

    ComposeCli(ComposeProject project, ProcessRunner runner, ComposeVersion version) {
        this(project, runner, () -> version);
    }

    private ComposeCli(ComposeProject project, ProcessRunner runner, Supplier<ComposeVersion> detector) {
        this.project = project;
        this.runner = runner;
        this.detector = detector;
    }

    /** The same compose implementation (detected once) for another project's files. */
    @Override
    public Compose forProject(ComposeProject other) {
        return new ComposeCli(other, runner, this::version);
    }

    /**
     * Uses {@code docker compose} when {@code docker compose version} answers, else {@code docker-compose};
     * {@code choice} ({@code $ROLLBACK_COMPOSE}: {@code v2}, {@code v1}, or unset/{@code auto}) keeps
     * to one of them, for a server that has both. Detection waits for the first command (or
     * {@link #detectAhead}), so a plan that never calls compose pays nothing.
     */
    public static ComposeCli detect(ComposeProject project, ProcessRunner runner, String choice) {
        List<List<String>> candidates = candidates(choice);
        return new ComposeCli(project, runner, () -> {
            ComposeVersion detected = DETECTED.get();
            if (detected == null) {
                detected = detectVersion(runner, candidates);
                DETECTED.set(detected);
                LOG.debug("using {}", detected);
            }
            return detected;
        });
    }

    /** A failure here is only logged: the first command detects again, and fails with the reason. */
    @Override
    public void detectAhead() {
        Thread thread = new Thread(() -> {
            try {
                version();
            } catch (RuntimeException e) {
                LOG.debug("detecting compose ahead failed: {}", e.getMessage());
            }
        }, "compose-detect");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized ComposeVersion version() {
        if (version == null) {
            version = detector.get();
        }
        return version;
    }

    /** The compose CLIs to try, in order, for a {@code $ROLLBACK_COMPOSE} value. */
    static List<List<String>> candidates(String choice) {
        if (choice == null || choice.isEmpty() || choice.equals("auto")) {
            return List.of(V2, V1);
        }
        return switch (choice) {
            case "v2" -> List.of(V2);
            case "v1" -> List.of(V1);
            default -> throw RollbackException.usage("ROLLBACK_COMPOSE is '" + choice + "'; use v2, v1 or auto");
        };
    }

    static ComposeVersion detectVersion(ProcessRunner runner, List<List<String>> candidates) {
        for (List<String> command : candidates) {
            List<String> argv = new ArrayList<>(command);
            argv.add("version");
            try {
                ProcessResult result = runner.run(ProcessSpec.of(argv, DETECT_TIMEOUT));
                if (result.succeeded()) {
                    var parsed = ComposeVersion.parse(command, result.stdout());
                    if (parsed.isPresent()) {
                        return parsed.get();
                    }
                }
            } catch (RollbackException notInstalled) {
                if (notInstalled.exitCode() == ExitCode.INTERRUPTED) {
                    throw notInstalled;
                }
                LOG.debug("{} is not usable: {}", String.join(" ", command), notInstalled.getMessage());
            }
        }
        if (candidates.size() == 1) {
            throw new RollbackException(ExitCode.UNREACHABLE, "'" + String.join(" ", candidates.get(0))
                + "' is not installed, and ROLLBACK_COMPOSE asks for it; install it or unset ROLLBACK_COMPOSE");
        }
        throw new RollbackException(ExitCode.UNREACHABLE,
            "neither 'docker compose' (v2) nor 'docker-compose' (v1) is installed; install one of them");
    }

    @Override
    public String implementation() {
        return version().implementation();
    }

    @Override
    public void up(List<String> services, UpOptions options) {
        List<String> args = upArgs();
        if (options.forceRecreate()) {
            args.add("--force-recreate");
        }
        if (options.noDeps()) {
            args.add("--no-deps");
        }
        change(args, services, UP_TIMEOUT);
    }

    private List<String> upArgs() {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-build"));
        if (version().supportsPullNever()) {
            args.addAll(List.of("--pull", "never"));
        }
        return args;
    }

    @Override
    public boolean updatesOnlyChanged() {
        return true;
    }

    /**
     * With services named: {@code up -d --no-deps --force-recreate --remove-orphans SERVICE...}:
     * exactly those are recreated; without {@code --no-deps} compose would also recreate every
     * service that depends on one of them (a proxy in front of the app), and start stopped
     * dependencies. Without: {@code up -d --remove-orphans}, compose decides by itself.
     */
    @Override
    public void update(List<String> services) {
        List<String> args = upArgs();
        if (!services.isEmpty()) {
            args.addAll(List.of("--no-deps", "--force-recreate"));
        }
        args.add("--remove-orphans");
        change(args, services, UP_TIMEOUT);
    }

    /**
     * {@code config --hash '*'}: one "SERVICE HASH" line per service, the same hash compose writes
     * on the containers it creates. Empty when this compose cannot print it (options differ
     * between releases) or prints something else: callers then let compose decide.
     */
    @Override
    public Optional<Map<String, String>> configHashes() {
        ProcessResult result = execute(List.of("config", "--hash", "*"), READ_TIMEOUT);
        if (!result.succeeded()) {
            LOG.debug("{} config --hash is not usable: {}", implementation(), result.lastErrorLine());
            return Optional.empty();
        }
        Map<String, String> hashes = new TreeMap<>();
        for (String line : result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !SERVICE_NAME.matcher(parts[0]).matches() || !parts[1].matches("[0-9a-f]{64}")) {
                LOG.debug("{} config --hash printed an unexpected line; letting compose decide", implementation());
                return Optional.empty();
            }
            hashes.put(parts[0], parts[1]);
        }
        return Optional.of(hashes);
    }

    @Override
    public void create() {
        create(List.of(), false);
    }

    @Override
    public void create(List<String> services) {
        create(services, true);
    }

    private void create(List<String> services, boolean noDeps) {
        List<String> args = new ArrayList<>(List.of("up", "--no-start", "--no-build"));
        if (version().supportsPullNever()) {
            args.addAll(List.of("--pull", "never"));
        }
        if (noDeps) {
            args.add("--no-deps");
        }
        change(args, services, UP_TIMEOUT);
    }

    @Override
    public String commandLine(List<String> args) {
        return String.join(" ", argv(args));
    }

    @Override
    public void stop(List<String> services) {
        change(new ArrayList<>(List.of("stop")), services, CHANGE_TIMEOUT);
    }

    @Override
    public void start(List<String> services) {
        change(new ArrayList<>(List.of("start")), services, CHANGE_TIMEOUT);
    }

    @Override
    public void down() {
        // Never -v: volumes hold the data a rollback may need to restore. --remove-orphans: the file
        // in place may be another revision's, without a service that still runs; the project goes down whole.
        change(new ArrayList<>(List.of("down", "--remove-orphans")), List.of(), CHANGE_TIMEOUT);
    }

    @Override
    public Map<String, String> images() {
        Map<String, String> images = new TreeMap<>();
        resolved().path("services").properties().forEach(service -> {
            String image = service.getValue().path("image").asText(null);
            if (image != null) {
                images.put(service.getKey(), image);
            }
        });
        return images;
    }

    @Override
    public List<String> volumes() {
        List<String> volumes = new ArrayList<>();
        resolved().path("volumes").properties().forEach(volume -> {
            JsonNode spec = volume.getValue();
            if (!spec.path("external").asBoolean(false) && !spec.path("external").isObject()) {
                // v2 prints the Docker name; v1 leaves it to the <project>_<key> convention.
                volumes.add(spec.path("name").asText(project.name() + "_" + volume.getKey()));
            }
        });
        return volumes;
    }

    private JsonNode resolved() {
        try {
            return YAML.readTree(config());
        } catch (JsonProcessingException e) {
            // The message would quote the resolved config, secrets included: say only where.
            throw RollbackException.failed(implementation() + " config printed YAML that cannot be read (line "
                + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
    }

    @Override
    public List<String> services() {
        return run(List.of("config", "--services"), READ_TIMEOUT).stdout().lines()
            .map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    @Override
    public String config() {
        return run(List.of("config"), READ_TIMEOUT).stdout();
    }

    /** A command that changes containers: logged at INFO, services appended after validation. */
    private void change(List<String> args, List<String> services, Duration timeout) {
        for (String service : services) {
            if (!SERVICE_NAME.matcher(service).matches()) {
                throw RollbackException.usage("invalid compose service name '" + service + "'");
            }
        }
        LOG.info("{} {} in project {}{}", implementation(), String.join(" ", args), project.name(),
            services.isEmpty() ? "" : " for " + String.join(", ", services));
        args.addAll(services);
        run(args, timeout);
    }

    private ProcessResult run(List<String> args, Duration timeout) {
        ProcessResult result = execute(args, timeout);
        if (!result.succeeded()) {
            String error = result.lastErrorLine();
            throw RollbackException.failed(implementation() + " " + args.get(0) + " failed for project "
                + project.name() + " (exit " + result.exitCode() + ")" + (error.isEmpty() ? "" : ": " + error));
        }
        return result;
    }

    private ProcessResult execute(List<String> args, Duration timeout) {
        // The stack's own files decide which of the tool's secrets compose gets: a rollback that
        // cannot interpolate ${DB_PASSWORD} would start the stack without its password.
        return runner.run(ProcessSpec.of(argv(args), timeout).inDirectory(project.workdir())
            .passing(project.namedVariables()));
    }

    /**
     * {@code <compose> -p NAME -f FILE... [--project-directory DIR] [--env-file FILE] <args>}; paths
     * resolved against the workdir.
     */
    List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>(version().command());
        argv.addAll(List.of("-p", project.name()));
        for (Path file : project.files()) {
            argv.addAll(List.of("-f", project.workdir().resolve(file).toString()));
        }
        if (project.projectDirectory() != null) {
            argv.addAll(List.of("--project-directory", project.workdir().resolve(project.projectDirectory()).toString()));
        }
        if (project.envFile() != null) {
            Path envFile = project.workdir().resolve(project.envFile());
            // Optional by contract; compose would fail on a missing --env-file.
            if (Files.isRegularFile(envFile)) {
                argv.addAll(List.of("--env-file", envFile.toString()));
            }
        }
        argv.addAll(args);
        return argv;
    }
}
