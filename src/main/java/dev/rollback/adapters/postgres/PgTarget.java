package dev.rollback.adapters.postgres;

import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DatabaseConfig;
import dev.rollback.core.config.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything needed to reach the stack's database. The password is the only secret this adapter
 * holds: it goes into JDBC properties and into PGPASSWORD of a child's environment, nowhere else,
 * which is why {@link #toString()} leaves it out.
 *
 * @param password       may be null: then the server must not ask for one
 * @param container      the database container, for running the client tools inside it; may be null
 * @param containerPort  the server's port as seen from inside that container
 * @param passwordSource where the password came from, for messages ("$DB_PASSWORD", "file
 *                       /run/secrets/db"); may be null
 */
public record PgTarget(String host, int port, String database, String user, String password,
                       String container, int containerPort, ToolsMode tools, String passwordSource) {

    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    public PgTarget {
        if (host == null || host.isBlank() || host.startsWith("-")) {
            throw new IllegalArgumentException("database host '" + host + "' is not a host name");
        }
        requirePort(port);
        requirePort(containerPort);
        Names.requireSqlName("database.name", database);
        Names.requireSqlName("database.user", user);
        if (container != null && !CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException("'" + container + "' is not a container name");
        }
        if (tools == null) {
            throw new IllegalArgumentException("tools mode is required");
        }
    }

    public PgTarget(String host, int port, String database, String user, String password,
                    String container, int containerPort, ToolsMode tools) {
        this(host, port, database, user, password, container, containerPort, tools, null);
    }

    /**
     * The target described by the configuration, with the password read from {@code password-file}
     * or from the environment variable named by {@code password-env} (default DB_PASSWORD).
     */
    public static PgTarget fromConfig(DatabaseConfig config, Map<String, String> env) {
        return fromConfig(config, env, Path.of(""));
    }

    /** As {@link #fromConfig(DatabaseConfig, Map)}, with a relative password file resolved against {@code baseDir}. */
    public static PgTarget fromConfig(DatabaseConfig config, Map<String, String> env, Path baseDir) {
        if (config.name() == null || config.user() == null) {
            throw RollbackException.usage("database.name and database.user are required"
                + " (or DB_NAME and DB_USER in the environment)");
        }
        String password;
        String source;
        if (config.passwordFile() != null) {
            password = readPasswordFile(baseDir.resolve(config.passwordFile()));
            source = "file " + config.passwordFile();
        } else {
            String variable = config.passwordEnvOrDefault();
            password = env.get(variable);
            source = "$" + variable;
            if (password == null && config.passwordEnvExplicit()) {
                throw RollbackException.usage("database.password-env names " + variable
                    + " but that variable is not set; export it before running rollback");
            }
        }
        return new PgTarget(config.host(), config.port(), config.name(), config.user(), password,
            config.container(), config.containerPort(), ToolsMode.parse(config.tools()), source);
    }

    /** "merq at localhost:5432 (user merq)", for messages. */
    public String describe() {
        return database + " at " + address() + " (user " + user + ")";
    }

    /** "localhost:5432". */
    public String address() {
        return host + ":" + port;
    }

    public boolean hasContainer() {
        return container != null;
    }

    /** Leaves the password out: records print every component, and targets end up in logs. */
    @Override
    public String toString() {
        return "PgTarget[" + describe() + ", password " + (password == null ? "none" : "set")
            + (passwordSource == null ? "" : " from " + passwordSource)
            + (container == null ? "" : ", container " + container + ":" + containerPort)
            + ", tools " + tools + "]";
    }

    private static String readPasswordFile(Path file) {
        try {
            // Secret files usually end with a newline that is not part of the password.
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw RollbackException.usage("cannot read database.password-file " + file + ": " + e.getMessage());
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }
}
