package dev.rollback.core.config;

/** A value in the configuration is invalid; the loader adds the file and line. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
