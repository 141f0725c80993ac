package dev.rollback.incident;

import dev.rollback.adapters.postgres.PgTarget;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.SecretVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The secrets the tool itself holds, whose values must not reach a bundle: the database password
 * (from {@code database.password-env} or {@code database.password-file}), the variables
 * {@link SecretVariables} names (the ones children never get), and every variable of the tool's
 * environment whose name says it holds a password, token, API key or secret ({@code GIT_PASSWORD}, {@code GITHUB_TOKEN},
 * {@code DOKPLOY_API_KEY}, {@code PGPASSWORD}…), and the {@code notify.webhooks} URLs (a webhook's URL
 * is its token). Narrower than {@code SecretNames} on purpose: the
 * values are replaced in every text, and {@code XDG_SESSION_CLASS=user} must not shred "user".
 */
public final class ToolSecrets {
    private static final Pattern SECRET_VARIABLE = Pattern.compile("(?i).*(PASSWORD|PASSWD|TOKEN|API_?KEY|SECRET).*");

    private ToolSecrets() {
    }

    public static List<String> of(Config config, Map<String, String> env) {
        List<String> names = new ArrayList<>(SecretVariables.of(config));
        env.keySet().stream().filter(name -> SECRET_VARIABLE.matcher(name).matches()).forEach(names::add);
        List<String> values = new ArrayList<>(names.stream().map(env::get).filter(v -> v != null && !v.isEmpty()).toList());
        databasePassword(config, env, values);
        // A Slack or Discord webhook URL is a credential: its token is the path.
        config.notifications().webhooks().forEach(hook -> values.add(hook.url().strip()));
        return values.stream().distinct().toList();
    }

    /** The password as the database adapter reads it (a password file included); none when it cannot. */
    private static void databasePassword(Config config, Map<String, String> env, List<String> values) {
        try {
            String password = PgTarget.fromConfig(config.database(), env, config.baseDir()).password();
            if (password != null && !password.isEmpty()) {
                values.add(password);
            }
        } catch (RuntimeException noDatabaseConfigured) {
            // Without a usable database section there is no database password to hide.
        }
    }
}
