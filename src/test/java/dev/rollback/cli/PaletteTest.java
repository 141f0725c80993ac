package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PaletteTest {
    @Test
    void colourOnATerminalWhenNothingTurnsItOff() {
        assertThat(Palette.forStream(true, false, Map.of()).red("x")).isEqualTo("\u001b[31mx\u001b[0m");
    }

    @Test
    void noColourWithoutATerminal() {
        assertThat(Palette.forStream(false, false, Map.of()).enabled()).isFalse();
    }

    @Test
    void noColourWithTheFlagOrANonEmptyNoColorOrADumbTerminal() {
        assertThat(Palette.forStream(true, true, Map.of()).enabled()).isFalse();
        assertThat(Palette.forStream(true, false, Map.of("NO_COLOR", "1")).enabled()).isFalse();
        assertThat(Palette.forStream(true, false, Map.of("TERM", "dumb")).enabled()).isFalse();
    }

    @Test
    void anEmptyNoColorLeavesColourOnAsNoColorOrgSays() {
        assertThat(Palette.forStream(true, false, Map.of("NO_COLOR", "")).enabled()).isTrue();
    }

    @Test
    void statusWordsAreColouredAfterPadding() {
        Palette palette = Palette.forStream(true, false, Map.of());
        assertThat(palette.status("failed", "failed   ")).isEqualTo("\u001b[31mfailed   \u001b[0m");
        assertThat(Palette.NONE.status("failed", "failed   ")).isEqualTo("failed   ");
    }
}
