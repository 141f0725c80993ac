package dev.rollback.adapters.http;

import java.net.URI;

/**
 * One request and the answer it got, as an {@link ExchangeObserver} sees it: no headers, so no
 * credential. Enough to check both against an API's published description.
 *
 * @param requestBody  the JSON sent, or null for none
 * @param status       the answer's HTTP status
 * @param responseBody the answer's body as text (possibly empty)
 */
public record Exchange(ApiCall call, URI uri, String requestBody, int status, String responseBody) {
}
