package dev.rollback.notify;

import dev.rollback.core.Json;
import dev.rollback.core.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a webhook post, in the webhook's format, every secret the tool knows masked. Slack
 * reads {@code {"text": ...}}, Discord {@code {"content": ...}}; {@code json} is the notice's
 * fields plus the same one-line text (docs/configuration.md#webhooks).
 */
public final class WebhookBody {
    private WebhookBody() {
    }

    public static String of(String format, RunNotice notice, Redactor mask) {
        Map<String, Object> body = new LinkedHashMap<>();
        String text = text(notice);
        switch (format) {
            case "slack" -> body.put("text", text);
            case "discord" -> body.put("content", text);
            default -> {
                body.put("event", notice.event());
                body.put("command", notice.command());
                body.put("level", notice.level());
                body.put("status", notice.status());
                body.put("durationMs", notice.durationMs());
                body.put("subject", notice.subject());
                body.put("host", notice.host());
                body.put("error", notice.error());
                body.put("text", text);
            }
        }
        // Masked as JSON text: the redactor also finds a secret as it appears escaped inside a JSON string.
        return mask.redact(Json.line(body));
    }

    /** One line for a human: {@code rollback redeploy (level 1) on web-1: succeeded in 12.4s, release v2}. */
    static String text(RunNotice notice) {
        StringBuilder line = new StringBuilder("rollback ").append(notice.command());
        if (notice.level() != null) {
            line.append(" (level ").append(notice.level()).append(')');
        }
        line.append(" on ").append(notice.host()).append(": ");
        if (RunNotice.START.equals(notice.event())) {
            return line.append("started").toString();
        }
        line.append(notice.status()).append(" in ").append(seconds(notice.durationMs()));
        if (notice.subject() != null) {
            line.append(", ").append(notice.subject());
        }
        if (notice.error() != null) {
            line.append(": ").append(notice.error());
        }
        return line.toString();
    }

    private static String seconds(Long millis) {
        long ms = millis == null ? 0 : millis;
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
