package dev.tandem.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DevServerOptionsTests {

    @Test
    void parse_noOptions_usesTheFixedLocalPorts() {
        var options = DevServerOptions.parse();

        assertThat(options).isEqualTo(new DevServerOptions(false, 19092, 16379, 18090, 8080, 8081, 8082,
                Path.of(".tandem"), false));
    }

    @Test
    void parse_bothSpellings_setPortsDataDirAndInfraOnly() {
        var options = DevServerOptions.parse("--infra-only", "--kafka-port", "29092", "--redis-port=26379",
                "--simulator-port", "28090", "--api-port", "9080", "--workers-port=9081", "--blender-port", "9082",
                "--data-dir", "/tmp/t");

        assertThat(options).isEqualTo(new DevServerOptions(true, 29092, 26379, 28090, 9080, 9081, 9082,
                Path.of("/tmp/t"), false));
    }

    @Test
    void parse_unknownOption_namesIt() {
        assertThatThrownBy(() -> DevServerOptions.parse("--kafka", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown option --kafka");
    }

    @Test
    void parse_badOrMissingPort_namesTheOption() {
        assertThatThrownBy(() -> DevServerOptions.parse("--redis-port", "70000"))
                .hasMessage("Option --redis-port needs a port from 1 to 65535, not 70000");
        assertThatThrownBy(() -> DevServerOptions.parse("--api-port"))
                .hasMessage("Option --api-port needs a value");
    }
}
