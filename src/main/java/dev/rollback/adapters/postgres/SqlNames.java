package dev.rollback.adapters.postgres;

import dev.rollback.core.RollbackException;
import dev.rollback.core.config.ConfigException;
import dev.rollback.core.config.Names;
import java.sql.SQLException;
import java.util.Set;
import org.postgresql.core.Utils;

/**
 * Database names on their way into SQL: validated first ({@link Names#requireSqlName}, so an odd
 * name is refused with a clear message), then quoted with the driver's own identifier quoting, the
 * rules of {@code quote_ident}. Quoting also keeps the name's case: "Merq" stays "Merq".
 */
final class SqlNames {
    /** Databases no rollback may drop or rename: the maintenance database and the templates. */
    static final Set<String> SYSTEM_DATABASES = Set.of("postgres", "template0", "template1");

    private SqlNames() {
    }

    /** Refuses an invalid name with exit 2 (it came from the user or the configuration). */
    static String validated(String what, String name) {
        try {
            Names.requireSqlName(what, name);
            return name;
        } catch (ConfigException e) {
            throw RollbackException.usage(e.getMessage());
        }
    }

    /** The validated name as a quoted SQL identifier: {@code merq-old} → {@code "merq-old"}. */
    static String quoted(String what, String name) {
        validated(what, name);
        try {
            return Utils.escapeIdentifier(null, name).toString();
        } catch (SQLException e) {
            // Only a NUL character makes the driver refuse, and validation already excluded it.
            throw RollbackException.usage(what + ": '" + name + "' cannot be quoted: " + e.getMessage());
        }
    }
}
