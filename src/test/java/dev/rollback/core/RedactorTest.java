package dev.rollback.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void everyOccurrenceOfAKnownValueIsReplacedWhereverItStands() {
        Redactor redactor = new Redactor(List.of("pw-Secret-42", "ghp_tok3n"));

        assertThat(redactor.redact("connecting with pw-Secret-42\nAuthorization: token ghp_tok3n, again pw-Secret-42."))
            .isEqualTo("connecting with <redacted>\nAuthorization: token <redacted>, again <redacted>.");
    }

    @Test
    void theLongestValueWinsSoATokenHoldingAPasswordGoesWhole() {
        Redactor redactor = new Redactor(List.of("hunter22", "xx-hunter22-yy"));

        assertThat(redactor.redact("a xx-hunter22-yy b hunter22")).isEqualTo("a <redacted> b <redacted>");
    }

    @Test
    void valuesShorterThanFourCharactersAreLeftSoTheTextIsNotShredded() {
        Redactor redactor = new Redactor(List.of("pg", "abc", "abcd"));

        assertThat(redactor.redact("pg abc abcd")).isEqualTo("pg abc <redacted>");
        assertThat(Redactor.MIN_LENGTH).isEqualTo(4);
    }

    @Test
    void aValueIsFoundAsItIsWrittenInsideAJsonString() {
        Redactor redactor = new Redactor(List.of("p\"w\\d1"));

        assertThat(redactor.redact("{\"Cmd\": [\"--password\", \"p\\\"w\\\\d1\"]} raw p\"w\\d1"))
            .isEqualTo("{\"Cmd\": [\"--password\", \"<redacted>\"]} raw <redacted>");
    }

    @Test
    void aReplacementIsNeverRewrittenEvenWhenASecretLooksLikeTheMarker() {
        Redactor redactor = new Redactor(List.of("redacted", "<redacted>x"));

        assertThat(redactor.redact("redacted")).isEqualTo("<redacted>");
    }

    @Test
    void nothingKnownLeavesTheTextAlone() {
        assertThat(new Redactor(List.of()).redact("all fine")).isEqualTo("all fine");
    }
}
