package dev.rollback.core.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code notify:} who hears about the runs that change something. Each webhook gets a post when
 * such a run starts and when it ends; {@code timeout} bounds each post (connect, request and
 * answer together), so a webhook that stalls costs a run at most that long.
 */
public record NotifyConfig(List<WebhookConfig> webhooks, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final NotifyConfig NONE = new NotifyConfig(null, null);

    public NotifyConfig {
        webhooks = webhooks != null ? List.copyOf(webhooks) : List.of();
        timeout = timeout != null ? timeout : DEFAULT_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigException("notify.timeout must be more than 0 and at most 30s, got "
                + DurationText.format(timeout));
        }
    }
}
