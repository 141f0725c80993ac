package dev.rollback.adapters.http;

import dev.rollback.core.RollbackException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for where a secret (an API key, a token, a git password) may travel: over https to
 * any host, over plain http only to this machine (a stub in tests, an SSH tunnel in production).
 * This machine is {@code localhost}, 127.0.0.0/8 and ::1, read from the address as written: a name
 * is never resolved, so a DNS answer cannot make a remote host count as loopback.
 */
public final class SecretDestination {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    /** Said in every refusal, so the fix is in the message. */
    public static final String RULE = "plain http only to this machine: localhost, 127.0.0.0/8, ::1";

    private SecretDestination() {
    }

    /** Whether {@code host}, as written in a URL, is this machine. */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        var ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            return ipv4.group(1).equals("127");
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (!name.contains(":") || !name.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            // An IPv6 literal: parsed, never looked up.
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether a secret may be sent to {@code scheme://host}: https anywhere, http to loopback only. */
    public static boolean allows(String scheme, String host) {
        String lower = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return host != null && (lower.equals("https") || lower.equals("http") && isLoopback(host));
    }

    /**
     * {@code text} as a URI that a secret may travel to; otherwise exit 2 naming {@code key} (the
     * config key) and {@code secret} (what would travel, "the API key"). Checked when the client is
     * built, so before any request. An API's base address adds its own rules ({@link ApiBase}).
     */
    public static URI require(String key, String text, String secret) {
        String shown = text == null ? "" : text.strip();
        URI uri;
        try {
            uri = new URI(shown);
        } catch (URISyntaxException e) {
            throw RollbackException.usage(key + " '" + shown + "' is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the user part may hold a password.
            throw RollbackException.usage(key + " must not carry credentials; " + secret
                + " comes from the environment");
        }
        if (!allows(uri.getScheme(), uri.getHost())) {
            throw RollbackException.usage(key + " '" + shown + "' must be an https:// address with a host ("
                + RULE + "): " + secret + " travels with every request");
        }
        return uri;
    }
}
