package dev.rollback.contract;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Properties;

/**
 * networknt's messages in networknt's own words. Its {@code jsv-messages.properties} sits at the
 * class-path root, and wiremock-standalone carries an older file of that name whose placeholders
 * are numbered differently, so the library's own formatting prints "{1}" where the property name
 * belongs. This reads the file out of the validator's jar and formats each error with it.
 */
final class SchemaMessages {
    private final Properties messages = new Properties();

    SchemaMessages() {
        try {
            URL jar = SchemaRegistry.class.getProtectionDomain().getCodeSource().getLocation();
            try (InputStream in = new URL("jar:" + jar + "!/jsv-messages.properties").openStream()) {
                messages.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "/title: integer found, string expected"; the location is empty for the whole instance. */
    String format(Error error) {
        String template = messages.getProperty(error.getMessageKey());
        String text = template == null ? error.getMessageKey() + " " + Arrays.toString(error.getArguments())
            : new MessageFormat(template).format(error.getArguments());
        String where = String.valueOf(error.getInstanceLocation());
        return (where.isEmpty() || where.equals("$") ? "" : where + ": ") + text;
    }
}
