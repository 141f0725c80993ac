package dev.rollback.notify;

import dev.rollback.adapters.http.BoundedHttp;
import dev.rollback.adapters.http.HttpClients;
import dev.rollback.adapters.http.HttpStall;
import dev.rollback.adapters.http.SecretDestination;
import dev.rollback.core.Redactor;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import dev.rollback.core.config.NotifyConfig;
import dev.rollback.core.config.WebhookConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The configured webhooks ({@code notify.webhooks}), posted to on daemon threads through the
 * tool's one bounded HTTP exchange ({@link BoundedHttp}): each post is given up after
 * {@code notify.timeout}, connect, request and answer together, and {@link #finish} waits no longer
 * than that past the end post. A post that fails is a warning, never the run's outcome. The URL is
 * the credential of a Slack or Discord webhook: messages name the host only, and the URL and its
 * path are masked in bodies with the tool's secrets.
 */
public final class Webhooks implements RunNotifier {
    private final List<WebhookConfig> hooks;
    private final HttpClient client;
    private final Duration bound;
    private final Redactor mask;
    private final ExecutorService posts = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "rollback-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<String>> inFlight = new ArrayList<>();
    private long endedNanos = -1;

    private Webhooks(List<WebhookConfig> hooks, Duration bound, Redactor mask) {
        this.hooks = hooks;
        this.bound = bound;
        this.mask = mask;
        this.client = HttpClients.noRedirects(bound);
    }

    /**
     * The notifier for {@code notify:}; none without webhooks. A webhook over plain http to another
     * machine is refused (exit 2) before the run, as for every URL that carries a credential.
     *
     * @param secrets the values to mask in every body (the tool's secrets)
     */
    public static RunNotifier of(NotifyConfig config, Collection<String> secrets) {
        if (config.webhooks().isEmpty()) {
            return NONE;
        }
        List<String> masked = new ArrayList<>(secrets);
        for (WebhookConfig hook : config.webhooks()) {
            URI uri = WebhookConfig.uri(hook.url());
            if (!SecretDestination.allows(uri.getScheme(), uri.getHost())) {
                throw RollbackException.usage("notify.webhooks: the webhook to " + uri.getHost() + " must be an https://"
                    + " address (" + SecretDestination.RULE + "): its URL is its credential");
            }
            masked.add(hook.url().strip());
            if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
                masked.add(uri.getRawPath());
            }
        }
        return new Webhooks(config.webhooks(), config.timeout(), new Redactor(masked));
    }

    @Override
    public synchronized void started(RunNotice notice) {
        hooks.stream().filter(hook -> hook.wants(RunNotice.START)).forEach(hook -> post(hook, notice));
    }

    @Override
    public synchronized void ended(RunNotice notice) {
        endedNanos = System.nanoTime();
        hooks.stream().filter(hook -> hook.wants(RunNotice.END) || notice.failed() && hook.wants("failure"))
            .forEach(hook -> post(hook, notice));
    }

    @Override
    public synchronized List<String> finish() {
        long from = endedNanos >= 0 ? endedNanos : System.nanoTime();
        // A little past the bound, so a post given up by its own deadline says how it failed.
        long deadline = from + bound.toNanos() + TimeUnit.MILLISECONDS.toNanos(250);
        List<String> warnings = new ArrayList<>();
        for (Future<String> post : inFlight) {
            try {
                String warning = post.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (warning != null) {
                    warnings.add(warning);
                }
            } catch (TimeoutException e) {
                post.cancel(true);
                warnings.add("a webhook post was still in flight after " + DurationText.format(bound) + "; given up");
            } catch (ExecutionException e) {
                warnings.add("a webhook post failed: " + mask.redact(String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        inFlight.clear();
        posts.shutdownNow();
        return warnings;
    }

    private void post(WebhookConfig hook, RunNotice notice) {
        String body = WebhookBody.of(hook.format(), notice, mask);
        inFlight.add(posts.submit(() -> send(hook, notice.event(), body)));
    }

    /** Null when the webhook took the post; else the warning, naming the host only. */
    private String send(WebhookConfig hook, String event, String body) {
        String which = "webhook " + hook.host() + " (" + event + " post)";
        HttpRequest request = HttpRequest.newBuilder(WebhookConfig.uri(hook.url()))
            .timeout(bound)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
        try {
            int status = BoundedHttp.status(client, request, bound);
            return status / 100 == 2 ? null : which + " answered HTTP " + status;
        } catch (HttpStall e) {
            return which + " did not answer within " + DurationText.format(bound) + "; given up";
        } catch (ConnectException e) {
            return which + " could not connect (nothing listening, or the host unreachable)";
        } catch (IOException e) {
            // The JDK's messages may name the request: masked like the bodies (URL and path are masks).
            String reason = e.getMessage() != null ? mask.redact(e.getMessage()) : e.getClass().getSimpleName();
            return which + " failed: " + reason;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return which + " interrupted";
        }
    }
}
