package dev.tandem.api.watch;

import java.util.List;

import dev.tandem.api.openapi.ProblemResponses;
import dev.tandem.api.problem.Problems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;

/** What springdoc cannot read from {@link FlowEvents}: the stream's events, examples and problems. */
final class WatchApiDocs implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (ClassUtils.getUserClass(handler.getBeanType()) != FlowEvents.class) {
            return operation;
        }
        operation.operationId("streamFlow").summary("Follow every decision of a flow").description("""
                Server-Sent Events of every change of the flow's decisions from now on, for operations UIs: \
                `enriched` and `final`, named as on a decision's stream, each with the change's summary (decision \
                id, entity, status, version, verdicts, score, enrichers done and pending). Events carry no id: \
                there is no resume. A client that reads more slowly than the changes come gets an `overflow` \
                event and the end of the stream once `tandem.api.watch.flow-buffer` changes wait for it.""");
        operation.getParameters().stream().filter(p -> p.getName().equals("flow")).findFirst().orElseThrow()
                .description("A configured flow (GET /v1/flows)").example("payment-risk");
        operation.setResponses(new ApiResponses().addApiResponse("200", new ApiResponse()
                .description("The stream of the flow's changes")
                .content(new Content().addMediaType(MediaType.TEXT_EVENT_STREAM_VALUE,
                        new io.swagger.v3.oas.models.media.MediaType().schema(new StringSchema()).example("""
                                event:enriched
                                data:{"decisionId":"3f0c…","flow":"payment-risk","status":"ENRICHING","version":2,...}

                                event:overflow
                                data:{"detail":"this client read more slowly than the flow's outcomes changed: ..."}

                                """)))));
        var problems = new WatchProblems();
        return ProblemResponses.add(operation, "/v1/flows/payment-risc/events",
                problems.unknownFlow(new WatchProblems.UnknownFlow("payment-risc",
                        List.of("payment-risk", "payment-risk-deep"))),
                problems.tooMany(new OutcomeWatchers.TooManyWatchers(4_000)).getBody());
    }
}
