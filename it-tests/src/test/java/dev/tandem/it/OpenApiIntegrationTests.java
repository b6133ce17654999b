package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.JsonTrees;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.schemas.ApiHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document decision-api serves at {@code /v3/api-docs} is the one committed in
 * {@code schemas/openapi/decision-api.json}, and it says what matters about the API. After a deliberate change of the
 * API, write the served document over the committed one with {@value #REGENERATE} and commit it.
 */
class OpenApiIntegrationTests {

    /** Set to {@code true}, the served document is written to {@link #COMMITTED} before it is compared. */
    static final String WRITE = "tandem.openapi.write";
    static final String REGENERATE = "./mvnw -B -pl it-tests -am verify -Dtest=NoSuchTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OpenApiIntegrationTests -D" + WRITE + "=true";
    /** From it-tests/, where Failsafe runs. */
    static final Path COMMITTED = Path.of("..", "schemas", "openapi", "decision-api.json");

    static final String DECISIONS = "/v1/decisions";
    static final String DECISION = "/v1/decisions/{decisionId}";

    static TandemPlatform platform;
    static ApiClient api;
    static JsonNode served;

    @BeforeAll
    static void start() {
        // the benchmark endpoints on, so that leaving them out of the document is tested
        platform = TandemPlatform.startApi(Map.of("tandem.api.floor-endpoints", "true"));
        api = new ApiClient(platform.apiBaseUrl());
        ApiClient.Response response = api.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        served = response.json();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void servedDocument_isTheCommittedFile() throws IOException {
        if (Boolean.getBoolean(WRITE)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, JsonTrees.write(served));
        }
        assertThat(Files.exists(COMMITTED)).as("%s is missing; write it with %s", COMMITTED.normalize(), REGENERATE)
                .isTrue();

        List<String> differences = JsonTrees.differences(JsonTrees.read(Files.readString(COMMITTED)), served, 20);

        assertThat(differences).as("""
                decision-api serves an OpenAPI document that differs from %s (first 20 differences below). \
                If the API changed on purpose, regenerate the file and commit it:
                  %s""", COMMITTED.normalize(), REGENERATE).isEmpty();
    }

    @Test
    void document_describesThePublicApiOnly_atAServerRelativeUrl() {
        assertThat(served.at("/info/title").asString()).isNotBlank();
        assertThat(served.at("/info/version").asString()).isEqualTo("v1");
        assertThat(served.at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(served.get("paths").propertyNames()).containsExactlyInAnyOrder(DECISIONS, DECISION,
                DECISION + "/events", "/v1/flows", "/v1/flows/{flow}/events", "/v1/dashboard");
        assertThat(api.get("/floor/noop").status()).as("the floor endpoints are on, yet left out").isEqualTo(200);
    }

    @Test
    void everyOperation_hasASummary_soThatEndpointsAddedLaterAreDocumentedToo() {
        for (var path : served.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                assertThat(operation.getValue().path("summary").asString(""))
                        .as("%s %s has no summary: describe it beside the others (DecisionApiDocs)",
                                operation.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey())
                        .isNotBlank();
            }
        }
    }

    @Test
    void errorResponses_areProblemJson_withTheProblemSchemaAndAnExampleOfTheirStatus() {
        List<String> checked = new ArrayList<>();
        for (var path : served.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                for (var response : operation.getValue().get("responses").properties()) {
                    int status = Integer.parseInt(response.getKey());
                    if (status < 400) {
                        continue;
                    }
                    JsonNode content = response.getValue().get("content");
                    String where = operation.getKey() + " " + path.getKey() + " " + status;
                    assertThat(content.propertyNames()).as(where).containsExactly("application/problem+json");
                    JsonNode media = content.get("application/problem+json");
                    assertThat(media.at("/schema/$ref").asString()).as(where).isEqualTo("#/components/schemas/Problem");
                    assertThat(media.get("examples").values()).as(where).isNotEmpty().allSatisfy(example -> {
                        assertThat(example.at("/value/status").asInt()).isEqualTo(status);
                        assertThat(example.at("/value/type").asString()).startsWith("https://tandem.dev/problems/");
                    });
                    if (status == 429 || status == 503) {
                        assertThat(response.getValue().at("/headers/Retry-After").isMissingNode()).as(where).isFalse();
                    }
                    checked.add(where);
                }
            }
        }
        assertThat(checked).contains("post /v1/decisions 400", "post /v1/decisions 413", "post /v1/decisions 415",
                "post /v1/decisions 429", "post /v1/decisions 503", "get /v1/decisions/{decisionId} 404",
                "get /v1/decisions/{decisionId} 503");
    }

    @Test
    void post_documentsBothAnswers_withLocationAndETag_andTheApiHeaders() {
        JsonNode post = served.at("/paths/" + pointer(DECISIONS) + "/post");

        assertThat(post.at("/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/DecisionRequest");
        assertThat(post.get("parameters").findValuesAsString("name"))
                .contains(ApiHeaders.REQUEST_TIMEOUT, ApiHeaders.CLIENT_ID);
        for (String status : List.of("201", "200")) {
            JsonNode response = post.at("/responses/" + status);
            assertThat(response.at("/content/application~1json/schema/$ref").asString())
                    .isEqualTo("#/components/schemas/DecisionDocument");
            assertThat(response.get("headers").propertyNames()).contains("Location", "ETag");
        }
    }

    @Test
    void get_documentsETag_andIfNoneMatchAnswered304() {
        JsonNode get = served.at("/paths/" + pointer(DECISION) + "/get");

        assertThat(get.get("parameters").findValuesAsString("name")).contains("decisionId", "If-None-Match");
        assertThat(get.at("/responses/200/headers").propertyNames()).contains("ETag", "Cache-Control");
        assertThat(get.at("/responses/304/headers").propertyNames()).contains("ETag");
        assertThat(get.at("/responses/304/content").isMissingNode()).as("a 304 has no body").isTrue();
    }

    /** The documented problems are what the API answers: the same type, as application/problem+json. */
    @Test
    void documentedProblems_areWhatTheApiAnswers() {
        ApiClient.Response unsupported = api.post(DECISIONS, "text/plain", "{}");
        ApiClient.Response notFound = api.get("/v1/decisions/no-such-decision");

        assertAnswered(unsupported, "/paths/" + pointer(DECISIONS) + "/post/responses/415");
        assertAnswered(notFound, "/paths/" + pointer(DECISION) + "/get/responses/404");
    }

    private static void assertAnswered(ApiClient.Response answer, String documented) {
        JsonNode example = served.at(documented + "/content/application~1problem+json/examples").values().iterator()
                .next().get("value");
        assertThat(answer.status()).isEqualTo(example.get("status").asInt());
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type")).isEqualTo(example.get("type"));
        assertThat(answer.json().get("title")).isEqualTo(example.get("title"));
    }

    @Test
    void swaggerUi_isServedFromItsWebJar() {
        ApiClient.Response page = api.get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(api.get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(api.get("/swagger-ui.html").status()).as("redirects to the page").isEqualTo(302);
    }

    /** A path as one JSON pointer segment. */
    private static String pointer(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
