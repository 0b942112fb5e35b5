package io.paygate.docs;

import io.paygate.connector.ConnectorAccountRecord;
import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.customer.Customer;
import io.paygate.event.Event;
import io.paygate.inbound.InboundWebhook;
import io.paygate.inbound.InboundWebhookStatus;
import io.paygate.merchant.ApiKey;
import io.paygate.merchant.Merchant;
import io.paygate.payment.Charge;
import io.paygate.payment.PaymentIntent;
import io.paygate.payment.PaymentIntentStatus;
import io.paygate.payment.PaymentViews;
import io.paygate.payment.ProcessorState;
import io.paygate.paymentmethod.BillingDetails;
import io.paygate.paymentmethod.PaymentMethod;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.json.Json;
import io.paygate.platform.security.KeyKind;
import io.paygate.platform.wire.Address;
import io.paygate.platform.wire.Shipping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fully populated example of every object the API returns, rendered by the features' own
 * rendering code. The API description derives its response schemas from these.
 */
final class ResourceSamples {

    private static final long CREATED = 1_790_000_000L;

    private ResourceSamples() {
    }

    static Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Charge charge = charge();
        out.put("payment_intent", PaymentViews.intent(intent(), List.of(charge)));
        out.put("charge", PaymentViews.charge(charge));
        out.put("customer", customer().render());
        out.put("payment_method", merge(card().render(), upi().render(), netbanking().render()));
        out.put("event", new Event("evt_1", "acct_1", false, "payment_intent.succeeded", "pi_1", "2026-07-29.dahlia",
                Map.of("object", Map.of("id", "pi_1", "object", "payment_intent"), "previous_attributes", Map.of()),
                "req_1", "key-1", CREATED).render());
        out.put("connector_account", new ConnectorAccountRecord("ca_1", "acct_1", false, "simulator", "Simulator",
                Map.of("latency_ms", "200"), List.of("api_key"), "active", 0, Map.of("team", "payments"), CREATED).render());
        out.put("account", new Merchant("acct_1", "Demo Shop", "ops@shop.test", "US", "usd", false, Map.of(), CREATED).render());
        Map<String, Object> key = new ApiKey("key_1", "acct_1", false, KeyKind.RESTRICTED, "rk_test_...abcd", "reporting",
                Map.of("customers", "read"), CREATED, CREATED + 3600, CREATED + 7200).render();
        key.put("secret", "rk_test_...");
        out.put("api_key", key);
        out.put("balance_transaction", new io.paygate.ledger.BalanceTransaction("txn_1", "acct_1", false, 1999, 88, 1911,
                "usd", "charge", "charge", "pending", CREATED + 172800, "ch_1", "Order 42",
                List.of(Map.of("amount", 88, "application", "", "currency", "usd", "description", "Paygate processing fees",
                        "type", "stripe_fee")), "je_1", CREATED).render());
        out.put("balance", Map.of("object", "balance", "livemode", false,
                "available", List.of(Map.of("amount", 1911, "currency", "usd", "source_types", Map.of("card", 1911))),
                "pending", List.of(Map.of("amount", 0, "currency", "usd", "source_types", Map.of("card", 0))),
                "reserved", List.of(Map.of("amount", 0, "currency", "usd", "source_types", Map.of("card", 0)))));
        out.put("refund", new io.paygate.refund.Refund("re_1", "acct_1", false, "ch_1", "pi_1", 500, 22, "usd",
                io.paygate.refund.RefundState.SUCCEEDED, "requested_by_customer", "declined", "txn_2", "txn_3", "ca_1",
                "simre_1", Map.of("ticket", "T-9"), CREATED, 0).render());
        out.put("dispute", new io.paygate.dispute.Dispute("dp_1", "acct_1", false, "ch_1", "pi_1", 1999, 1500, "usd",
                "needs_response", "fraudulent", Map.of("uncategorized_text", "Signed delivery receipt attached."),
                CREATED + 604800, 0, true, false, "ca_1", "simdp_1", Map.of(), CREATED)
                .render(List.of(Map.of("id", "txn_4", "object", "balance_transaction")), CREATED));
        out.put("pricing", Map.of("object", "pricing", "merchant", "acct_1", "livemode", false, "payment_method_type", "card",
                "currency", "usd", "percent_bps", 290, "fixed_amount", 30, "rounding", "half_up", "refund_fees", "proportional"));
        out.put("settlement_settings", Map.of("object", "settlement_settings", "merchant", "acct_1", "delay_days", 2));
        out.put("ledger_audit", Map.of("object", "ledger_audit", "ok", true, "unbalanced_entries", List.of(),
                "mismatched_accounts", List.of()));
        out.put("inbound_webhook", new InboundWebhook("iw_1", "ca_1", "simevt_1", "payment.updated",
                ProcessorWebhook.Kind.AUTHORIZATION, "ch_1", CREATED, "{\"id\":\"simevt_1\",\"object\":\"event\","
                + "\"type\":\"payment.updated\",\"created\":" + CREATED + ",\"data\":{\"object\":{\"id\":\"simpay_1\","
                + "\"payment_key\":\"ch_1\",\"status\":\"captured\"}}}", InboundWebhookStatus.PENDING, 2, 1,
                (CREATED + 4) * 1000, new InboundWebhook.Error("unknown_object", "Paygate has no such object for this "
                + "connector account (it may not be committed yet)."), CREATED, CREATED * 1000).render(new Json()));
        out.put("error", ApiException.invalidRequest("parameter_missing", "Missing required param: amount.", "amount").body());
        return out;
    }

    private static PaymentIntent intent() {
        Map<String, Object> redirect = new LinkedHashMap<>();
        redirect.put("return_url", "https://shop.example/return");
        redirect.put("url", "https://processor.example/3ds/1");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("charge", "ch_1");
        error.put("code", "card_declined");
        error.put("decline_code", "insufficient_funds");
        error.put("doc_url", "https://docs.example/error");
        error.put("message", "Your card has insufficient funds.");
        error.put("payment_method", card().render());
        error.put("type", "card_error");
        return new PaymentIntent("pi_1", "acct_1", false, 1999, "usd", PaymentIntentStatus.REQUIRES_ACTION, "automatic",
                "automatic", "cus_1", "pm_1", List.of("card"), "Order 42", "buyer@shop.test", "SHOP", "42", "off_session",
                shipping(), "pi_1_secret_x", 0, 0, CREATED, "abandoned", error,
                Map.of("type", "redirect_to_url", "redirect_to_url", redirect), "ch_1", null, "simulator", "ca_1",
                "https://shop.example/return", Map.of("order_id", "42"), 1, CREATED);
    }

    private static Charge charge() {
        Map<String, Object> details = new LinkedHashMap<>(card().paymentDetails());
        details.put("billing_details", BillingDetails.empty());
        return new Charge("ch_1", "acct_1", false, "pi_1", 1, "cus_1", "pm_1", 1999, 1999, 0, "usd", true, Charge.SUCCEEDED,
                ProcessorState.CAPTURED, "card_declined", "Your card was declined.", "generic_decline", details, "simulator",
                "ca_1", "simpay_1", null, "Order 42", Map.of("order_id", "42"), CREATED, CREATED * 1000, null, 0,
                new Charge.Accounting(88, 0, 0, 0, "txn_1"));
    }

    private static Customer customer() {
        return new Customer("cus_1", "acct_1", false, "ada@shop.test", "Ada Lovelace", "+15555550100", "VIP",
                address().render(), shipping(), "pm_1", Map.of("tier", "gold"), false, CREATED);
    }

    private static PaymentMethod card() {
        return new PaymentMethod("pm_1", "acct_1", false, "card", "cus_1", new PaymentMethod.Card("visa", "4242", 12, 2034,
                "credit", "US", "Xr7tYpQw2LmN8sKd", "vc_1", "pass"), null, null,
                new BillingDetails(address(), "ada@shop.test", "Ada Lovelace", "+15555550100").render(),
                Map.of("source", "checkout"), CREATED);
    }

    private static PaymentMethod upi() {
        return new PaymentMethod("pm_2", "acct_1", false, "upi", null, null, "name@bank", null, BillingDetails.empty(),
                Map.of(), CREATED);
    }

    private static PaymentMethod netbanking() {
        return new PaymentMethod("pm_3", "acct_1", false, "netbanking", null, null, null, "hdfc", BillingDetails.empty(),
                Map.of(), CREATED);
    }

    private static Address address() {
        return new Address("London", "GB", "1 Analytical Way", "Flat 2", "N1 1AA", "Greater London");
    }

    private static Map<String, Object> shipping() {
        return new Shipping(address(), "Ada Lovelace", "+15555550100", "Royal Mail", "RM123").render();
    }

    @SafeVarargs
    private static Map<String, Object> merge(Map<String, Object>... samples) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> sample : samples) {
            sample.forEach(out::putIfAbsent);
        }
        return out;
    }
}
