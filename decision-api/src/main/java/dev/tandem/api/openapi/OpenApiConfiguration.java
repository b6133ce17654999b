package dev.tandem.api.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: title, version, description, a server-relative URL (so the document is the same
 * wherever it is served) and the {@value ProblemResponses#SCHEMA} schema. springdoc adds the operations of the paths
 * {@code springdoc.paths-to-match} selects ({@code /v1/**}); each feature describes its own (DecisionApiDocs).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String DESCRIPTION = """
            Decisions in milliseconds from cheap online features and a fast model, then completed in the \
            background: enrichment workers add slower features, and the outcome goes from `PROVISIONAL` to \
            `FINAL` (or `TIMED_OUT`, later perhaps `AMENDED`). Clients read it with `GET /v1/decisions/{decisionId}`, \
            cheaply with `If-None-Match`.

            Errors are RFC 9457 problem details (`application/problem+json`) with a stable `type` \
            (`https://tandem.dev/problems/<slug>`) to switch on, a `title`, a `detail` and, for invalid \
            fields, `errors: [{field, message}]`. Refusals that are worth retrying (429, 503) say when in \
            `Retry-After`.""";

    @Bean
    OpenAPI tandemOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tandem decision API").version("v1").description(DESCRIPTION))
                .servers(List.of(new Server().url("/").description("The server this document is served by")))
                .components(new Components().addSchemas(ProblemResponses.SCHEMA, ProblemResponses.schema()));
    }
}
