package dev.rollback.faults;

import dev.rollback.e2e.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a stack answers on {@code /version}, as a user's browser would see it. */
final class Served {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Served() {
    }

    /** The body of a 200 answer, or {@code down: …} with the status or the error. */
    static String at(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body().strip() : "down: HTTP " + response.statusCode();
        } catch (IOException e) {
            return "down: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down: interrupted";
        }
    }

    /** What both app services of a {@link TestStack} answer. */
    static String by(TestStack stack) {
        return atAll("http://127.0.0.1:" + stack.backendPort + "/version", "http://127.0.0.1:" + stack.webPort + "/version");
    }

    /** One answer for several URLs of one stack: the shared version, or all the answers when they differ. */
    static String atAll(String... urls) {
        java.util.Set<String> answers = new java.util.LinkedHashSet<>();
        for (String url : urls) {
            answers.add(at(url));
        }
        return answers.size() == 1 ? answers.iterator().next() : "mixed: " + answers;
    }
}
