package dev.rollback.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads {@code rollback.yml}: strict (unknown keys and wrong types are errors naming the key and
 * its line, exit 2), then applies environment overrides ({@link EnvOverrides}).
 */
public final class ConfigLoader {
    public static final String DEFAULT_FILE = "rollback.yml";
    private static final YAMLMapper YAML = createMapper();

    private ConfigLoader() {
    }

    /** The file to read: {@code --config}, else {@code $ROLLBACK_CONFIG}, else ./rollback.yml. */
    public static Path locate(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get("ROLLBACK_CONFIG");
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of(DEFAULT_FILE);
    }

    public static Config load(Path file, Map<String, String> env) {
        if (file.toString().indexOf('\uFFFD') >= 0) {
            throw RollbackException.usage("config file name " + file + " is not valid UTF-8, so this JVM cannot open it;"
                + " rename the file or link it under a plain name");
        }
        if (Files.isDirectory(file)) {
            throw RollbackException.usage("config file " + file + " is a directory; pass the rollback.yml in it");
        }
        if (!Files.isRegularFile(file)) {
            throw RollbackException.usage("config file " + file + " not found; pass --config FILE or set ROLLBACK_CONFIG");
        }
        String where = file.getFileName().toString();
        Config config;
        try {
            config = YAML.readValue(file.toFile(), Config.class);
        } catch (IOException e) {
            throw RollbackException.usage(where + describe(e, file));
        } catch (ConfigException e) {
            throw RollbackException.usage(where + ": " + e.getMessage());
        }
        if (config == null || config.stack() == null) {
            throw RollbackException.usage(where + ": stack.name is required (the file has no stack: section)");
        }
        Map<String, String> overrides = EnvOverrides.find(env);
        if (!overrides.isEmpty()) {
            config = applyOverrides(file, overrides, env);
        }
        return config.withBaseDir(file.toAbsolutePath().getParent());
    }

    private static Config applyOverrides(Path file, Map<String, String> overrides, Map<String, String> env) {
        try {
            ObjectNode tree = (ObjectNode) YAML.readTree(file.toFile());
            overrides.forEach((path, value) -> EnvOverrides.set(tree, path, value));
            return YAML.treeToValue(tree, Config.class);
        } catch (IOException | ConfigException e) {
            String vars = String.join(", ", overrides.keySet().stream().map(path -> EnvOverrides.variableFor(path, env))
                .collect(Collectors.toList()));
            throw RollbackException.usage("environment overrides (" + vars + "): "
                + (e instanceof JsonProcessingException j ? describe(j, null).replaceFirst("^: ", "") : e.getMessage()));
        }
    }

    /** " line 12: unknown key 'compse-file' in stack (known: ...)" and the like; no line when file is null. */
    static String describe(IOException e, Path file) {
        if (!(e instanceof JsonProcessingException json)) {
            return ": cannot read: " + e.getMessage();
        }
        if (!(e instanceof JsonMappingException mapping)) {
            JsonLocation location = json.getLocation();
            String line = location != null && location.getLineNr() > 0 ? " line " + location.getLineNr() : "";
            String why = firstLine(json.getOriginalMessage());
            if (why.contains("CharConversionException") || json.getCause() instanceof java.io.CharConversionException) {
                return line + ": not valid UTF-8 text; save the file as UTF-8";
            }
            return line + ": not valid YAML (" + why.replaceFirst("^[\\w.$]+(Exception|Error): ", "") + ")";
        }
        String line = file == null ? "" : YamlLocator.lineOf(file, pathOf(mapping)).stream()
            .mapToObj(n -> " line " + n).findFirst().orElse("");
        if (e instanceof UnrecognizedPropertyException unknown) {
            String section = keyPath(unknown, 1);
            return line + ": unknown key '" + unknown.getPropertyName() + "'"
                + (section.isEmpty() ? "" : " in " + section)
                + " (known: " + unknown.getKnownPropertyIds().stream().map(Object::toString)
                .filter(known -> !known.equals("base-dir")).sorted().collect(Collectors.joining(", ")) + ")";
        }
        Throwable cause = rootCause(mapping);
        if (cause instanceof ConfigException) {
            return line + ": " + cause.getMessage();
        }
        String key = keyPath(mapping, 0);
        return line + ": " + (key.isEmpty() ? "" : key + ": ") + "wrong type or value (" + expected(mapping) + ")";
    }

    /** What the key wants, in the file's terms rather than Java's ("expected a list", not "ArrayList"). */
    private static String expected(JsonMappingException e) {
        if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
            return firstLine(e.getOriginalMessage()).replaceAll("`[\\w.$]+\\.(\\w+)`", "$1");
        }
        Class<?> type = mismatch.getTargetType();
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "expected a list, e.g. [a, b]";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "expected a number";
        }
        if (type == String.class || type == Path.class) {
            return "expected a single value";
        }
        return "expected a section of key: value pairs";
    }

    private static List<Object> pathOf(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.add(ref.getIndex());
            }
        }
        return path;
    }

    private static String keyPath(JsonMappingException e, int dropLast) {
        var path = e.getPath();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < path.size() - dropLast; i++) {
            var ref = path.get(i);
            if (ref.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static YAMLMapper createMapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(20);   // no "billion laughs"
        loader.setAllowDuplicateKeys(false);
        loader.setCodePointLimit(1024 * 1024);
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                try {
                    return DurationText.parse(parser.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(parser, e.getMessage(), e);
                }
            }
        });
        YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder().loaderOptions(loader).build());
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.registerModule(durations);
        return mapper;
    }

    /** Used by EnvOverrides to write values into the tree with the right JSON types. */
    static JsonNode scalar(String value) {
        return YAML.getNodeFactory().textNode(value);
    }
}
