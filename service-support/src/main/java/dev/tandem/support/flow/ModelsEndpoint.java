package dev.tandem.support.flow;

import java.util.Map;

import dev.tandem.core.flow.Flows;
import dev.tandem.core.model.ModelInfo;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/models}: GET lists the active model versions; POST
 * {@code {"name":"payment-risk-full","version":"2"}} activates another version without a restart.
 * A version that is missing, corrupt or does not fit its flows is refused (400 with the reason) and
 * the previous one keeps serving.
 */
@Endpoint(id = "models")
public class ModelsEndpoint {

    private final Flows flows;

    ModelsEndpoint(Flows flows) {
        this.flows = flows;
    }

    @ReadOperation
    public Map<String, ModelInfo> active() {
        return flows.activeModels();
    }

    @WriteOperation
    public ModelInfo activate(String name, String version) {
        try {
            return flows.activate(name, version);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
        }
    }
}
