package dev.rollback.core.config;

import java.util.List;

/**
 * {@code verify:} the post-rollback verification of the strategies document. {@code log-error-patterns} are
 * regular expressions; a log line matching one of them makes the logs "not clean".
 */
public record VerifyConfig(String sampleQuery, Integer logLines, List<String> logErrorPatterns) {
    public static final List<String> DEFAULT_ERROR_PATTERNS =
        List.of("(?i)\\b(error|fatal|panic)\\b", "Exception\\b", "Traceback");

    public VerifyConfig {
        logLines = logLines != null ? logLines : 50;
        logErrorPatterns = logErrorPatterns != null ? List.copyOf(logErrorPatterns) : DEFAULT_ERROR_PATTERNS;
        for (String pattern : logErrorPatterns) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new ConfigException("verify.log-error-patterns: not a regular expression: " + pattern);
            }
        }
    }
}
