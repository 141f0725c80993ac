package dev.rollback.adapters.http;

import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one way this tool sends an HTTP request: a deadline over the whole exchange, body included,
 * and a size cap on the body. On JDK 17 {@code HttpRequest.timeout} ends when the headers arrive,
 * so a server that sends its headers and then stalls would hold {@code client.send} forever; here
 * the request is sent asynchronously and given up (the exchange cancelled) when the bound passes.
 * A body from an API is untrusted input: past {@link #MAX_BODY_BYTES} it is dropped, not buffered.
 *
 * <p>The system property {@value #PROPERTY} (a duration) replaces every bound: a seam for tests.
 */
public final class BoundedHttp {
    static final String PROPERTY = "rollback.http.timeout";
    /** The largest answer read: far above any API document this tool reads (a page of 200 snapshots). */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private BoundedHttp() {
    }

    /**
     * Sends {@code request} and reads its body as UTF-8 text, all within {@code bound}. A stall
     * before or after the headers is an {@link HttpStall}; a body over the cap an {@link IOException}.
     */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request, Duration bound)
        throws IOException, InterruptedException {
        Progress progress = new Progress();
        HttpResponse.BodyHandler<String> handler = info -> {
            progress.headers(info);
            return HttpResponse.BodySubscribers.mapping(new CappedBody(progress, request),
                bytes -> new String(bytes, StandardCharsets.UTF_8));
        };
        return await(client.sendAsync(request, handler), request, effective(bound), progress);
    }

    /** Sends {@code request} and answers its status once the headers arrive; the body is dropped unread. */
    public static int status(HttpClient client, HttpRequest request, Duration bound)
        throws IOException, InterruptedException {
        Progress progress = new Progress();
        HttpResponse.BodyHandler<InputStream> handler = info -> {
            progress.headers(info);
            return HttpResponse.BodySubscribers.ofInputStream();
        };
        HttpResponse<InputStream> response = await(client.sendAsync(request, handler), request, effective(bound), progress);
        response.body().close(); // drops the body: an endpoint that streams or stalls after its status cannot hold us
        return response.statusCode();
    }

    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> exchange, HttpRequest request,
                                             Duration bound, Progress progress) throws IOException, InterruptedException {
        try {
            return exchange.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw progress.stall(request, bound);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                throw progress.stall(request, bound); // the JDK's own header timeout, said the same way
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    private static Duration effective(Duration bound) {
        String override = System.getProperty(PROPERTY);
        if (override == null || override.isBlank()) {
            return bound;
        }
        try {
            return DurationText.parse(override);
        } catch (IllegalArgumentException e) {
            throw RollbackException.usage("-D" + PROPERTY + ": " + e.getMessage());
        }
    }

    /** {@code GET https://host:port/path}: no query (it may carry a secret), no user info. */
    static String describe(HttpRequest request) {
        URI uri = request.uri();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return request.method() + " " + uri.getScheme() + "://" + uri.getHost() + port
            + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }

    /** How far an exchange got: nothing yet, or the headers and so many body bytes. */
    private static final class Progress {
        private final AtomicReference<HttpResponse.ResponseInfo> headers = new AtomicReference<>();
        private volatile long bodyBytes;

        void headers(HttpResponse.ResponseInfo info) {
            headers.set(info);
        }

        void received(long bytes) {
            bodyBytes = bytes;
        }

        HttpStall stall(HttpRequest request, Duration bound) {
            HttpResponse.ResponseInfo info = headers.get();
            String within = DurationText.format(bound);
            if (info == null) {
                return new HttpStall(describe(request) + " sent no status line and headers within " + within);
            }
            String expected = info.headers().firstValueAsLong("Content-Length").stream()
                .mapToObj(length -> " of " + length).findFirst().orElse("");
            return new HttpStall(describe(request) + " answered HTTP " + info.statusCode() + ", then its body stalled after "
                + bodyBytes + expected + " bytes; gave up after " + within);
        }
    }

    /** Collects the body up to the cap, counting what arrived for the stall message. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final Progress progress;
        private final HttpRequest request;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(Progress progress, HttpRequest request) {
            this.progress = progress;
            this.request = request;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("the answer to " + describe(request)
                        + " is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB; not read"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            progress.received(bytes.size());
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
