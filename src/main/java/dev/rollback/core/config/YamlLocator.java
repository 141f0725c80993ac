package dev.rollback.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a key path in a YAML file from SnakeYAML's node marks. Jackson's error
 * locations point where the parser stopped (often after the offending value), so error messages
 * ask this instead: "line 3: unknown key 'compse-file' in stack" points at the key itself.
 */
final class YamlLocator {
    private YamlLocator() {
    }

    /**
     * @param path keys (String) and sequence indexes (Integer) from the root
     * @return 1-based line of the last element of the path, if it can be found
     */
    static OptionalInt lineOf(Path file, List<Object> path) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            Node node = new Yaml(options).compose(reader);
            int line = -1;
            for (Object element : path) {
                if (node instanceof MappingNode mapping && element instanceof String key) {
                    NodeTuple tuple = find(mapping, key);
                    if (tuple == null) {
                        break;
                    }
                    line = tuple.getKeyNode().getStartMark().getLine() + 1;
                    node = tuple.getValueNode();
                } else if (node instanceof SequenceNode sequence && element instanceof Integer index
                    && index < sequence.getValue().size()) {
                    node = sequence.getValue().get(index);
                    line = node.getStartMark().getLine() + 1;
                } else {
                    break;
                }
            }
            return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
        } catch (IOException | RuntimeException unparsable) {
            return OptionalInt.empty();
        }
    }

    private static NodeTuple find(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && key.equals(scalar.getValue())) {
                return tuple;
            }
        }
        return null;
    }
}
