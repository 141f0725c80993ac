package dev.rollback.bluegreen;

/**
 * A dial in Caddy's configuration that stands for an app service of the primary project: by name
 * ({@code backend:80}, Caddy on the stack's network) or by a port the service publishes on this
 * host ({@code 127.0.0.1:18341}, Caddy on the host's network).
 *
 * @param dial    the dial exactly as the configuration writes it (what the switch replaces)
 * @param host    its host, IPv6 without brackets
 * @param service the app service it reaches
 */
record AppDial(String dial, String host, int port, String service) {
}
