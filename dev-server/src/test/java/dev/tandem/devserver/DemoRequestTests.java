package dev.tandem.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import dev.tandem.schemas.RedisKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoRequestTests {

    private final List<DemoEntity> entities = DemoEntity.load();

    @Test
    void load_sampleEntities_haveTheFourOnlineFeaturesAndSomeRiskyOnes() {
        assertThat(entities).hasSize(20);
        assertThat(entities).filteredOn(DemoEntity::risky).hasSizeBetween(3, 8);
        assertThat(entities.getFirst().features()).containsOnlyKeys("account_age_days", "avg_amount",
                "chargebacks_90d", "txn_count_30d");
        assertThat(RedisKeys.features(RedisKeys.DEFAULT_TENANT, entities.getFirst().entityId()))
                .isEqualTo("tandem:default:features:{acct-1001}");
    }

    @Test
    void plan_twentyRequests_containsGrowingBurstsFromRiskyEntities() {
        List<DemoRequest> plan = DemoRequest.plan(entities, 20);

        assertThat(plan).hasSize(20);
        assertThat(plan.subList(0, 5)).noneMatch(r -> r.entity().risky());
        List<DemoRequest> burst = plan.subList(5, 8);
        assertThat(burst).allSatisfy(r -> assertThat(r.entity().risky()).isTrue());
        assertThat(burst).extracting(r -> r.entity().entityId()).containsOnly(burst.getFirst().entity().entityId());
        assertThat(burst.get(2).amount()).isGreaterThan(burst.get(1).amount());
        assertThat(burst.get(1).amount()).isGreaterThan(burst.get(0).amount());
        assertThat(plan).allSatisfy(r -> assertThat(r.amount().scale()).isEqualTo(2));
    }

    @Test
    void plan_sendsSomeOrdinaryPaymentsToTheFlowWithTheHeavyModel_andBurstsToPaymentRisk() {
        List<DemoRequest> plan = DemoRequest.plan(entities, 40);

        assertThat(plan).extracting(DemoRequest::flow).contains(DemoRequest.FLOW, DemoRequest.DEEP_FLOW);
        assertThat(plan).filteredOn(r -> r.flow().equals(DemoRequest.DEEP_FLOW))
                .allSatisfy(r -> assertThat(r.entity().risky()).isFalse());
    }

    @Test
    void body_matchesTheDecisionRequestContract() {
        var request = new DemoRequest("payment-risk", entities.getFirst(), new BigDecimal("123.45"), "EUR", "m-17", "198.51.100.7",
                "dev-1");

        JsonNode body = JsonMapper.builder().build().readTree(new DecisionClient("http://x").body(request));

        assertThat(body.path("flow").asString()).isEqualTo("payment-risk");
        assertThat(body.path("entityId").asString()).isEqualTo("acct-1001");
        assertThat(body.path("attributes").path("amount").decimalValue()).isEqualByComparingTo("123.45");
        assertThat(body.path("attributes").path("currency").asString()).isEqualTo("EUR");
        assertThat(body.path("attributes").path("merchantId").asString()).isEqualTo("m-17");
        assertThat(body.path("attributes").path("ip").asString()).isEqualTo("198.51.100.7");
        assertThat(body.path("attributes").path("deviceId").asString()).isEqualTo("dev-1");
    }
}
