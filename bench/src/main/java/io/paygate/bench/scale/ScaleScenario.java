package io.paygate.bench.scale;

import io.paygate.bench.LoadGenerator;
import io.paygate.bench.PaygateTarget;
import io.paygate.bench.Report;
import io.paygate.bench.Series;
import io.paygate.bench.Window;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 4, scale: with millions of loaded payment intents, each read endpoint is measured alone
 * in a closed loop (warm-up, then repetitions; medians), with random ids, customers, order ids,
 * cursors and time windows drawn from what was loaded. Budget: p99 at most 20 ms for every list,
 * search and retrieve.
 */
final class ScaleScenario {

    static final double P99_BUDGET_MS = 20;

    /** How long and how often, and the closed-loop concurrency. */
    record Plan(Duration warmUp, Duration window, int repetitions, int concurrency) {
    }

    /** One measured read: a name and a path drawn afresh for every request. */
    record Endpoint(String name, Supplier<String> path) {
    }

    private static final String[] EVENT_TYPES = {"payment_intent.succeeded", "charge.failed", "payment_intent.canceled",
            "refund.created"};

    private final PaygateTarget paygate;
    private final PaygateTarget.Merchant merchant;
    private final LoadGenerator load;
    private final Plan plan;
    private final ScaleSample sample;
    private final ScaleWorld world;

    ScaleScenario(PaygateTarget paygate, PaygateTarget.Merchant merchant, LoadGenerator load, Plan plan, ScaleSample sample,
                  ScaleWorld world) {
        this.paygate = paygate;
        this.merchant = merchant;
        this.load = load;
        this.plan = plan;
        this.sample = sample;
        this.world = world;
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("list_intents_first_page", () -> "/v1/payment_intents?limit=10"),
                new Endpoint("list_intents_created_day", () -> {
                    long from = randomSecond();
                    return "/v1/payment_intents?limit=10&" + enc("created[gte]") + "=" + from + "&" + enc("created[lt]") + "="
                            + (from + 86_400);
                }),
                new Endpoint("list_intents_by_customer", () -> "/v1/payment_intents?limit=10&customer=" + sample.customer()),
                new Endpoint("list_intents_deep_cursor", () -> "/v1/payment_intents?limit=10&starting_after=" + sample.intent()),
                new Endpoint("search_intents_metadata", () -> "/v1/payment_intents/search?query="
                        + enc("metadata['order_id']:'" + sample.orderId() + "'")),
                new Endpoint("retrieve_intent", () -> "/v1/payment_intents/" + sample.intent()),
                new Endpoint("list_charges_by_intent", () -> "/v1/charges?payment_intent=" + sample.chargedIntent()),
                new Endpoint("list_refunds", () -> "/v1/refunds?limit=10"),
                new Endpoint("balance", () -> "/v1/balance"),
                new Endpoint("list_balance_transactions", () -> "/v1/balance_transactions?limit=10"),
                new Endpoint("list_events_by_type", () -> "/v1/events?limit=10&type="
                        + EVENT_TYPES[ThreadLocalRandom.current().nextInt(EVENT_TYPES.length)]),
                new Endpoint("list_events", () -> "/v1/events?limit=10"));
    }

    /** Reads whose plans are checked at this size but which are not measured (to keep the run short). */
    List<Endpoint> planOnly() {
        return List.of(
                new Endpoint("list_intents_ending_before", () -> "/v1/payment_intents?limit=10&ending_before=" + sample.intent()),
                new Endpoint("search_intents_by_customer", () -> "/v1/payment_intents/search?query="
                        + enc("customer:'" + sample.customer() + "'")),
                new Endpoint("list_charges_by_customer", () -> "/v1/charges?limit=10&customer=" + sample.customer()),
                new Endpoint("list_refunds_by_intent", () -> "/v1/refunds?payment_intent=" + sample.chargedIntent()),
                new Endpoint("list_balance_transactions_refunds", () -> "/v1/balance_transactions?limit=10&type=refund"),
                new Endpoint("list_events_type_family", () -> "/v1/events?limit=10&type=" + enc("refund.*")),
                new Endpoint("list_events_deep_cursor", () -> "/v1/events?limit=10&starting_after=" + sample.intent()
                        .replace("pi_", "evt_")),
                new Endpoint("list_customers", () -> "/v1/customers?limit=10"),
                new Endpoint("search_customers_by_email", () -> "/v1/customers/search?query="
                        + enc("email:'CUSTOMER" + ThreadLocalRandom.current().nextInt(world.customers().size()) + "@example.com'")),
                new Endpoint("list_customer_payment_methods", () -> "/v1/payment_methods?type=card&customer=" + sample.customer()));
    }

    /** Checks that the loaded data reads back as the API should show it; returns what was checked. */
    Map<String, Object> verify(ScaleLoader.Result loaded) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode balance = read("/v1/balance");
        long available = balance.path("available").path(0).path("amount").asLong();
        long pending = balance.path("pending").path(0).path("amount").asLong();
        require(available == loaded.available() && pending == loaded.pending(),
                "balance " + available + "/" + pending + " differs from the loaded " + loaded.available() + "/" + loaded.pending());
        out.put("balance_available", available);
        out.put("balance_pending", pending);
        JsonNode first = read("/v1/payment_intents?limit=10");
        require(first.path("data").size() == 10 && first.path("has_more").asBoolean(), "the first page is not full");
        String last = first.path("data").path(9).path("id").asString();
        JsonNode second = read("/v1/payment_intents?limit=10&starting_after=" + last);
        require(second.path("data").path(0).path("id").asString().compareTo(last) < 0, "the cursor did not move back in time");
        String orderId = sample.orderId();
        JsonNode found = read("/v1/payment_intents/search?query=" + enc("metadata['order_id']:'" + orderId + "'"));
        require(found.path("data").size() == 1 && found.path("data").path(0).path("metadata").path("order_id").asString()
                .equals(orderId), "search by order id did not find exactly its intent");
        long from = randomSecond();
        JsonNode day = read("/v1/payment_intents?limit=100&" + enc("created[gte]") + "=" + from + "&" + enc("created[lt]") + "="
                + (from + 86_400));
        for (JsonNode intent : day.path("data")) {
            long created = intent.path("created").asLong();
            require(created >= from && created < from + 86_400, "an intent outside the created window: " + intent.path("id"));
        }
        out.put("intents_in_a_random_day", day.path("data").size() + (day.path("has_more").asBoolean() ? "+" : ""));
        out.put("ok", true);
        return out;
    }

    /**
     * Measures every endpoint; puts each series in {@code all} and returns the scenario's figures. A
     * warm-up over all the endpoints at random comes first, so that the first endpoint measured does
     * not pay for the server's compilation of the code every read shares.
     */
    Map<String, Object> measure(Map<String, Series> all, Duration mixedWarmUp) {
        List<Endpoint> endpoints = endpoints();
        load.closedLoop(() -> call(endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size()))), plan.concurrency(),
                mixedWarmUp);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints()) {
            Series series = Series.measure("scale_" + endpoint.name(),
                    () -> load.closedLoop(() -> call(endpoint), plan.concurrency(), plan.warmUp()),
                    () -> load.closedLoop(() -> call(endpoint), plan.concurrency(), plan.window()), plan.repetitions());
            all.put(series.name(), series);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("p50_ms", series.median(w -> w.percentileMs(50)));
            figures.put("p99_ms", series.median(w -> w.percentileMs(99)));
            figures.put("per_s", series.median(Window::throughput));
            figures.put("errors", series.totalErrors());
            out.put(endpoint.name(), figures);
            System.out.printf("%-28s p50 %6.2f ms  p99 %6.2f ms  %7.0f/s  errors %d%n", endpoint.name(),
                    (double) figures.get("p50_ms"), (double) figures.get("p99_ms"), (double) figures.get("per_s"),
                    series.totalErrors());
        }
        return out;
    }

    /** The plan of each endpoint's SQL at this size. */
    Map<String, Object> plans(ScalePlans plans, Connection connection) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Endpoint> all = new ArrayList<>(endpoints());
        all.addAll(planOnly());
        for (Endpoint endpoint : all) {
            ScalePlans.EndpointPlan p = plans.explain(connection, endpoint.name(), endpoint.path().get(), merchant.secretKey());
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("steps", p.steps());
            figures.put("max_execution_ms", p.maxExecutionMs());
            figures.put("problems", p.problems());
            out.put(endpoint.name(), figures);
            System.out.printf("plan %-28s %.2f ms %s%s%n", endpoint.name(), p.maxExecutionMs(), p.steps(),
                    p.problems().isEmpty() ? "" : " PROBLEMS " + p.problems());
        }
        return out;
    }

    static List<Report.Target> targets(Map<String, Object> measured, long intents) {
        List<Report.Target> out = new ArrayList<>();
        measured.forEach((name, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> figures = (Map<String, Object>) value;
            double p99 = (double) figures.get("p99_ms");
            long errors = (long) figures.get("errors");
            out.add(new Report.Target(String.format("%s p99 at %,d payment intents", name, intents),
                    Report.format(p99) + " ms" + (errors > 0 ? " (" + errors + " errors)" : ""), "<= 20 ms",
                    p99 <= P99_BUDGET_MS && errors == 0));
        });
        return out;
    }

    private io.paygate.bench.Outcome call(Endpoint endpoint) {
        return PaygateTarget.outcome(paygate.get(endpoint.path().get(), merchant.secretKey()));
    }

    private JsonNode read(String path) {
        PaygateTarget.Answer answer = paygate.get(path, merchant.secretKey());
        require(answer.status() == 200, "GET " + path + ": HTTP " + answer.status() + " " + answer.body());
        return PaygateTarget.json(answer);
    }

    private long randomSecond() {
        long startS = world.startMs() / 1000;
        long endS = world.endMs() / 1000 - 86_400;
        return startS + ThreadLocalRandom.current().nextLong(Math.max(1, endS - startS));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("scale data check failed: " + message);
        }
    }
}
