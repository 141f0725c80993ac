package dev.rollback.adapters.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.SecretArguments;
import dev.rollback.core.SecretNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link DockerDiagnostics} through the raw Engine API: the documents exactly as the daemon gives them, redacted. */
final class EngineDiagnostics implements DockerDiagnostics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMAND_WIDTH = 20;

    private final String endpoint;
    private final RawEngineApi api;

    EngineDiagnostics(String endpoint, RawEngineApi api) {
        this.endpoint = endpoint;
        this.api = api;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String containerTable() {
        JsonNode containers = api.get("/containers/json?all=1", "list", "containers");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"});
        for (JsonNode c : containers) {
            rows.add(new String[] {c.path("Id").asText("").substring(0, Math.min(12, c.path("Id").asText("").length())),
                c.path("Image").asText(""), cut(c.path("Command").asText("")),
                Instant.ofEpochSecond(c.path("Created").asLong()).toString(), c.path("Status").asText(""),
                ports(c.path("Ports")), names(c.path("Names"))});
        }
        return table(rows);
    }

    @Override
    public String inspect(String containerId) {
        JsonNode inspect = api.get("/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "/json",
            "inspect", "container " + containerId);
        if (inspect.path("Config") instanceof ObjectNode config) {
            redactEnv(config);
            redactLabels(config);
            redactArguments(config.path("Cmd"));
            redactArguments(config.path("Entrypoint"));
        }
        redactArguments(inspect.path("Args"));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(inspect) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an inspect document: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public List<String> secretValues(String containerId) {
        JsonNode inspect = api.get("/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "/json",
            "inspect", "container " + containerId);
        JsonNode config = inspect.path("Config");
        List<String> values = new ArrayList<>();
        for (JsonNode entry : config.path("Env")) {
            String text = entry.asText("");
            int equals = text.indexOf('=');
            if (equals > 0 && SecretNames.looksSecret(text.substring(0, equals))) {
                values.add(text.substring(equals + 1));
            }
            values.addAll(SecretArguments.urlPasswords(text));
        }
        config.path("Labels").fields().forEachRemaining(label -> {
            if (SecretNames.looksSecret(label.getKey())) {
                values.add(label.getValue().asText(""));
            }
            values.addAll(SecretArguments.urlPasswords(label.getValue().asText("")));
        });
        for (JsonNode command : List.of(config.path("Entrypoint"), config.path("Cmd"), inspect.path("Args"),
            config.path("Healthcheck").path("Test"))) {
            List<String> arguments = new ArrayList<>();
            command.forEach(argument -> arguments.add(argument.asText("")));
            values.addAll(SecretArguments.values(arguments));
        }
        return values.stream().filter(value -> !value.isEmpty()).distinct().toList();
    }

    /** {@code KEY=value} → {@code KEY=<redacted>}, every one: an environment is where secrets live. */
    private static void redactEnv(ObjectNode config) {
        if (config.path("Env") instanceof ArrayNode env) {
            for (int i = 0; i < env.size(); i++) {
                String entry = env.get(i).asText("");
                int equals = entry.indexOf('=');
                env.set(i, JSON.getNodeFactory().textNode((equals < 0 ? entry : entry.substring(0, equals))
                    + "=" + SecretNames.REDACTED));
            }
        }
    }

    /** {@code --db-password=x}, {@code API_TOKEN=x}: arguments whose name looks secret keep the name only. */
    private static void redactArguments(JsonNode arguments) {
        if (arguments instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                String argument = list.get(i).asText("");
                int equals = argument.indexOf('=');
                if (equals > 0 && SecretNames.looksSecret(argument.substring(0, equals))) {
                    list.set(i, JSON.getNodeFactory().textNode(argument.substring(0, equals + 1) + SecretNames.REDACTED));
                }
            }
        }
    }

    private static void redactLabels(ObjectNode config) {
        if (config.path("Labels") instanceof ObjectNode labels) {
            List<String> secret = new ArrayList<>();
            labels.fieldNames().forEachRemaining(key -> {
                if (SecretNames.looksSecret(key)) {
                    secret.add(key);
                }
            });
            secret.forEach(key -> labels.put(key, SecretNames.REDACTED));
        }
    }

    /** docker ps cuts the command too: it may carry a secret someone passed as an argument. */
    private static String cut(String command) {
        String quoted = "\"" + command;
        return quoted.length() <= COMMAND_WIDTH ? quoted + "\"" : quoted.substring(0, COMMAND_WIDTH - 1) + "…\"";
    }

    private static String ports(JsonNode ports) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : ports) {
            String inside = p.path("PrivatePort").asText() + "/" + p.path("Type").asText("tcp");
            out.add(p.has("PublicPort") ? p.path("IP").asText("") + ":" + p.path("PublicPort").asText() + "->" + inside
                : inside);
        }
        return String.join(", ", out);
    }

    private static String names(JsonNode names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText().startsWith("/") ? n.asText().substring(1) : n.asText()));
        return String.join(",", out);
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
