package io.paygate.connector.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.DisputeOutcome;
import io.paygate.connector.spi.DisputeReport;
import io.paygate.connector.spi.DisputeRequest;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.RefundOutcome;
import io.paygate.connector.spi.RefundRequest;
import io.paygate.connector.spi.RequestTrace;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The refund and dispute mappings, on answers recorded from the simulator. */
class SimulatorRefundDisputeMapperTest {

    private static final String DISPUTE = "simdp_0mwvyeh8iely5bnlhdt6mcqs";

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode recorded(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/simulator/" + name)) {
            return json.readTree(in);
        }
    }

    @Test
    void refundStatesMapToOutcomesWithTheSimulatorsId() throws IOException {
        assertThat(SimulatorMapper.refundOutcome(200, recorded("refund_succeeded.json")))
                .isEqualTo(new RefundOutcome.Succeeded("simre_0mwvyeh6c6wdre2ss3xnz2iy"));
        assertThat(SimulatorMapper.refundOutcome(200, recorded("refund_pending.json")))
                .isEqualTo(new RefundOutcome.Pending("simre_0mwvyeh7agytmho9gd2v64fg"));
        assertThat(SimulatorMapper.refundStateOutcome(200, recorded("refund_failed.json")))
                .isEqualTo(new RefundOutcome.Failed("simre_0mwvyeh7tkfmj6l0elvuzb5g", "refund_failed",
                        "The customer's bank could not process the refund."));
        assertThat(SimulatorMapper.refundStateOutcome(200, recorded("refund_canceled.json")))
                .isEqualTo(new RefundOutcome.Canceled("simre_0mwvyeh8bkofq0g24p128dt3"));
    }

    @Test
    void aRefusedRefundFailsWithoutAReference() throws IOException {
        assertThat(SimulatorMapper.refundOutcome(400, recorded("error_amount_too_large.json")))
                .isEqualTo(new RefundOutcome.Failed(null, "amount_too_large",
                        "The refund amount 5000 is larger than the amount left to refund, 1499."));
        assertThat(SimulatorMapper.refundOutcome(400, json.readTree("{\"error\":{\"code\":\"invalid_state\"}}")))
                .isInstanceOfSatisfying(RefundOutcome.Failed.class, f -> {
                    assertThat(f.code()).isEqualTo("invalid_state");
                    assertThat(f.message()).isNotBlank();
                });
    }

    @Test
    void missingRefundsAndPaymentsAreNotFound() throws IOException {
        assertThat(SimulatorMapper.refundOutcome(404, recorded("error_refund_missing.json")))
                .isInstanceOf(RefundOutcome.NotFound.class);
        assertThat(SimulatorMapper.refundStateOutcome(404, recorded("error_refund_missing.json")))
                .isInstanceOf(RefundOutcome.NotFound.class);
    }

    @Test
    void answersThatSayNothingAboutTheMoneyAreUnknown() throws IOException {
        assertThat(SimulatorMapper.refundOutcome(500, null)).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(SimulatorMapper.refundOutcome(504, json.readTree("{\"error\":{\"code\":\"simulated_timeout\"}}")))
                .isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(SimulatorMapper.refundOutcome(409, json.readTree("{\"error\":{\"code\":\"in_progress\"}}")))
                .isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(SimulatorMapper.refundOutcome(429, json.readTree("{\"error\":{\"code\":\"rate_limited\"}}")))
                .isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(SimulatorMapper.refundOutcome(404, null)).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(SimulatorMapper.refundOutcome(200, json.readTree("{\"id\":\"simre_1\"}")))
                .isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(SimulatorMapper.refundOutcome(200, json.readTree("{\"id\":\"simre_1\",\"status\":\"reversed\"}")))
                .isInstanceOf(RefundOutcome.Unknown.class);
        // A lookup or cancel is never a refusal of the refund itself.
        assertThat(SimulatorMapper.refundStateOutcome(400, recorded("error_amount_too_large.json")))
                .isInstanceOf(RefundOutcome.Unknown.class);
    }

    @Test
    void onlyANotCancelableRefusalAsksForTheRefundsState() throws IOException {
        assertThat(SimulatorMapper.isTooLateToCancel(400, recorded("error_refund_not_cancelable.json"))).isTrue();
        assertThat(SimulatorMapper.isTooLateToCancel(404, recorded("error_refund_missing.json"))).isFalse();
        assertThat(SimulatorMapper.isTooLateToCancel(400, recorded("error_amount_too_large.json"))).isFalse();
        assertThat(SimulatorMapper.isTooLateToCancel(500, null)).isFalse();
    }

    @Test
    void aDisputeIsReportedWithItsPaymentsKey() throws IOException {
        DisputeOutcome outcome = SimulatorMapper.disputeOutcome(200, recorded("dispute_needs_response.json"));

        assertThat(outcome).isEqualTo(new DisputeOutcome.Found(new DisputeReport(DISPUTE, "pay_cb",
                Money.of(1999, "usd"), "needs_response", "fraudulent", 1796205678L, 0, 1795600878L)));
    }

    @Test
    void disputeStatusesAndSubmissionsComeThrough() throws IOException {
        assertThat(report(recorded("dispute_under_review.json"))).satisfies(d -> {
            assertThat(d.status()).isEqualTo("under_review");
            assertThat(d.submissionCount()).isEqualTo(1);
        });
        assertThat(report(recorded("dispute_won.json")).status()).isEqualTo("won");
        assertThat(report(recorded("dispute_warning_needs_response.json"))).satisfies(d -> {
            assertThat(d.status()).isEqualTo("warning_needs_response");
            assertThat(d.reason()).isEqualTo("general");
        });
    }

    @Test
    void disputeRefusalsMissesAndSilences() throws IOException {
        assertThat(SimulatorMapper.disputeOutcome(400, recorded("error_dispute_closed.json")))
                .isEqualTo(new DisputeOutcome.Refused("dispute_closed", "The dispute is closed (won)."));
        assertThat(SimulatorMapper.disputeOutcome(404, recorded("error_dispute_missing.json")))
                .isInstanceOf(DisputeOutcome.NotFound.class);
        assertThat(SimulatorMapper.disputeOutcome(500, null)).isInstanceOf(DisputeOutcome.Unknown.class);
        assertThat(SimulatorMapper.disputeOutcome(409, json.readTree("{\"error\":{\"code\":\"in_progress\"}}")))
                .isInstanceOf(DisputeOutcome.Unknown.class);
        assertThat(SimulatorMapper.disputeOutcome(200, json.readTree("{\"id\":\"simdp_1\",\"status\":\"won\"}")))
                .isInstanceOf(DisputeOutcome.Unknown.class);
        assertThat(SimulatorMapper.disputeOutcome(200, json.readTree("{\"id\":\"simdp_1\",\"payment_key\":\"k\","
                + "\"status\":\"won\",\"amount\":5,\"currency\":\"zzz\"}"))).isInstanceOf(DisputeOutcome.Unknown.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void refundsCarryTheAmountReasonAndTheAccountsSimulationSettings() {
        ConnectorAccount account = new ConnectorAccount("ca_1", "simulator", false,
                Map.of("refund_delay_ms", "500", "latency_ms", "20", "base_url", "http://x", "timeout_ms", "900"),
                Map.of());
        RefundRequest request = new RefundRequest("re_1", account, "ch_1", "simpay_1", Money.of(700, "eur"),
                "requested_by_customer", RequestTrace.NONE);

        Map<String, Object> body = SimulatorMapper.refundBody(request);

        assertThat(body).containsEntry("amount", 700L).containsEntry("currency", "eur")
                .containsEntry("reason", "requested_by_customer");
        assertThat((Map<String, Object>) body.get("simulation")).containsOnlyKeys("refund_delay_ms", "latency_ms");
    }

    @Test
    @SuppressWarnings("unchecked")
    void disputeUpdatesCarryTheEvidenceAndWhetherToSubmit() {
        ConnectorAccount account = new ConnectorAccount("ca_1", "simulator", false, Map.of(), Map.of());
        DisputeRequest request = new DisputeRequest("dpu_1", account, DISPUTE,
                Map.of("uncategorized_text", "winning_evidence", "customer_name", "Jenny Rosen"), true, RequestTrace.NONE);

        Map<String, Object> body = SimulatorMapper.disputeBody(request);

        assertThat((Map<String, Object>) body.get("evidence")).containsExactly(
                Map.entry("customer_name", "Jenny Rosen"), Map.entry("uncategorized_text", "winning_evidence"));
        assertThat(body).containsEntry("submit", true);
    }

    private static DisputeReport report(JsonNode dispute) {
        return ((DisputeOutcome.Found) SimulatorMapper.disputeOutcome(200, dispute)).dispute();
    }
}
