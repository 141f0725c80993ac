package dev.rollback.core.config;

import java.util.List;

/**
 * {@code database:} the PostgreSQL database of the stack. The password never appears here: it is
 * read from the environment variable named by {@code password-env} (default {@code DB_PASSWORD})
 * or from {@code password-file}.
 *
 * @param container     run the PostgreSQL client tools inside this container (docker exec)
 * @param containerPort the server's port as seen from inside that container
 * @param tools         where pg_dump/psql run: auto (host when its tools fit the server, else the
 *                      container), host, or container
 */
public record DatabaseConfig(String host, Integer port, String name, String user, String passwordEnv,
                             String passwordFile, String container, Integer containerPort, String tools) {

    static final DatabaseConfig EMPTY = new DatabaseConfig(null, null, null, null, null, null, null, null, null);

    public DatabaseConfig {
        host = host != null ? host : "localhost";
        port = port != null ? port : 5432;
        containerPort = containerPort != null ? containerPort : 5432;
        tools = tools != null ? tools : "auto";
        Names.requireOneOf("database.tools", tools, List.of("auto", "host", "container"));
        if (name != null) {
            Names.requireSqlName("database.name", name);
        }
        if (user != null) {
            Names.requireSqlName("database.user", user);
        }
        if (container != null) {
            Names.requireContainerName("database.container", container);
        }
    }

    /** Whether the password variable was named explicitly (then it must be set). */
    public boolean passwordEnvExplicit() {
        return passwordEnv != null;
    }

    public String passwordEnvOrDefault() {
        return passwordEnv != null ? passwordEnv : "DB_PASSWORD";
    }
}
