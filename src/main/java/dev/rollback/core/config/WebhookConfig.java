package dev.rollback.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * One entry of {@code notify.webhooks}. The URL of a Slack or Discord webhook is itself the
 * credential (the token is its path), so no message ever shows it: a webhook is named by its host.
 *
 * @param url    where the post goes
 * @param format {@code slack} ({@code {"text": ...}}), {@code discord} ({@code {"content": ...}}) or
 *               {@code json} (the documented object, the default)
 * @param events which posts it gets: {@code start}, {@code end}, {@code failure} (an end that did
 *               not succeed); default {@code [start, end]}
 */
public record WebhookConfig(String url, String format, List<String> events) {
    public static final List<String> FORMATS = List.of("slack", "discord", "json");
    public static final List<String> EVENTS = List.of("start", "end", "failure");

    public WebhookConfig {
        if (url == null || url.isBlank()) {
            throw new ConfigException("notify.webhooks: every webhook needs a url");
        }
        format = format != null ? format : "json";
        Names.requireOneOf("notify.webhooks[].format", format, FORMATS);
        events = events != null ? List.copyOf(events) : List.of("start", "end");
        for (String event : events) {
            Names.requireOneOf("notify.webhooks[].events", event, EVENTS);
        }
        uri(url); // fails on load, never echoing the address
    }

    /** The URL parsed; a one-line error naming the host at most (the path may be a token). */
    public static URI uri(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new ConfigException("notify.webhooks: a url is not an http(s) address with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("notify.webhooks: a url does not parse (" + e.getReason()
                + "); not shown, it may hold a token");
        }
    }

    /** How messages name this webhook: its host, never its path or query. */
    public String host() {
        return uri(url).getHost();
    }

    public boolean wants(String event) {
        return events.contains(event);
    }
}
