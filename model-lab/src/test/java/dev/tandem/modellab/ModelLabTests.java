package dev.tandem.modellab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelLabTests {

    @Test
    void run_unknownCommand_isAUsageError() {
        assertThatThrownBy(() -> ModelLab.run(new String[] {"fit"})).isInstanceOf(ModelLab.UsageException.class)
                .hasMessageContaining("fit");
    }

    @Test
    void run_unknownOptionOrMissingOrBadValue_isAUsageError() {
        assertThatThrownBy(() -> ModelLab.run(new String[] {"train", "--epochs", "3"}))
                .isInstanceOf(ModelLab.UsageException.class).hasMessageContaining("--epochs");
        assertThatThrownBy(() -> ModelLab.run(new String[] {"train", "--rows"}))
                .isInstanceOf(ModelLab.UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ModelLab.run(new String[] {"evaluate", "--seed", "x"}))
                .isInstanceOf(ModelLab.UsageException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ModelLab.run(new String[] {"evaluate", "--rows", "0"}))
                .isInstanceOf(ModelLab.UsageException.class).hasMessageContaining("between");
    }

    @Test
    void run_help_printsUsage() throws Exception {
        assertThat(ModelLab.run(new String[] {"help"})).isZero();
    }
}
