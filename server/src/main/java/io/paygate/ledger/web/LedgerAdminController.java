package io.paygate.ledger.web;

import io.paygate.connector.spi.Currency;
import io.paygate.ledger.FeeSchedule;
import io.paygate.ledger.LedgerAudit;
import io.paygate.merchant.MerchantService;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.security.AdminOnly;
import io.paygate.platform.web.ApiContract;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform administration of pricing, settlement delays and the ledger audit (admin token). */
@RestController
@AdminOnly
class LedgerAdminController {

    record SetPricing(Boolean livemode, String paymentMethodType, String currency, Long percentBps, Long fixedAmount,
                      String rounding, String refundFees, Long disputeFee) {
    }

    record ListPricing(Boolean livemode) {
    }

    record SetSettlement(Long delayDays) {
    }

    record Empty() {
    }

    private final FeeSchedule fees;
    private final LedgerAudit audit;
    private final MerchantService merchants;
    private final RequestBinder binder;
    private final ApiResponses responses;

    LedgerAdminController(FeeSchedule fees, LedgerAudit audit, MerchantService merchants, RequestBinder binder,
                          ApiResponses responses) {
        this.fees = fees;
        this.audit = audit;
        this.merchants = merchants;
        this.binder = binder;
        this.responses = responses;
    }

    @PostMapping("/v1/merchants/{merchant}/pricing")
    @ApiContract(params = SetPricing.class, returns = "pricing", summary = "Set a merchant's pricing for a payment method type and currency (admin token)")
    ResponseEntity<String> setPricing(@PathVariable String merchant, RawParams params) {
        SetPricing body = binder.bind(params.values(), SetPricing.class);
        merchants.get(merchant);
        String type = body.paymentMethodType() == null ? FeeSchedule.ANY : body.paymentMethodType();
        if (!type.equals(FeeSchedule.ANY) && !List.of("card", "upi", "netbanking").contains(type)) {
            throw ApiException.invalidParam("payment_method_type", "payment_method_type must be card, upi, netbanking or *.");
        }
        String currency = body.currency() == null ? FeeSchedule.ANY : body.currency().toLowerCase(java.util.Locale.ROOT);
        if (!currency.equals(FeeSchedule.ANY) && Currency.find(currency).isEmpty()) {
            throw ApiException.invalidParam("currency", "Unsupported currency: " + currency);
        }
        if (body.percentBps() == null || body.percentBps() < 0 || body.percentBps() > 10_000) {
            throw ApiException.invalidParam("percent_bps", "percent_bps must be between 0 and 10000 (basis points).");
        }
        long fixed = body.fixedAmount() == null ? 0 : body.fixedAmount();
        long disputeFee = body.disputeFee() == null ? 0 : body.disputeFee();
        if (fixed < 0 || disputeFee < 0) {
            throw ApiException.invalidRequest("fixed_amount and dispute_fee must not be negative.");
        }
        String refundFees = body.refundFees() == null ? "proportional" : body.refundFees();
        if (!refundFees.equals("proportional") && !refundFees.equals("none")) {
            throw ApiException.invalidParam("refund_fees", "refund_fees must be proportional or none.");
        }
        java.math.RoundingMode rounding;
        try {
            rounding = FeeSchedule.rounding(body.rounding() == null ? "half_up" : body.rounding());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam("rounding", e.getMessage());
        }
        FeeSchedule.Pricing pricing = new FeeSchedule.Pricing(type, currency, body.percentBps().intValue(), fixed, rounding,
                refundFees.equals("proportional"), disputeFee);
        fees.setPricing(merchant, Boolean.TRUE.equals(body.livemode()), pricing);
        return responses.ok(render(merchant, Boolean.TRUE.equals(body.livemode()), pricing));
    }

    @GetMapping("/v1/merchants/{merchant}/pricing")
    @ApiContract(params = ListPricing.class, returns = "pricing", shape = ApiContract.Shape.LIST, summary = "List a merchant's pricing (admin token)")
    ResponseEntity<String> listPricing(@PathVariable String merchant, RawParams params) {
        ListPricing query = binder.bind(params.values(), ListPricing.class);
        merchants.get(merchant);
        boolean livemode = Boolean.TRUE.equals(query.livemode());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", fees.list(merchant, livemode).stream().map(p -> render(merchant, livemode, p)).toList());
        out.put("has_more", false);
        out.put("url", "/v1/merchants/" + merchant + "/pricing");
        return responses.ok(out);
    }

    @PostMapping("/v1/merchants/{merchant}/settlement")
    @ApiContract(params = SetSettlement.class, returns = "settlement_settings", summary = "Set how many days captured funds stay pending (admin token)")
    ResponseEntity<String> setSettlement(@PathVariable String merchant, RawParams params) {
        SetSettlement body = binder.bind(params.values(), SetSettlement.class);
        merchants.get(merchant);
        if (body.delayDays() == null || body.delayDays() < 0 || body.delayDays() > 90) {
            throw ApiException.invalidParam("delay_days", "delay_days must be between 0 and 90.");
        }
        fees.setSettlementDelayDays(merchant, body.delayDays().intValue());
        return responses.ok(Map.of("object", "settlement_settings", "merchant", merchant, "delay_days", body.delayDays()));
    }

    @GetMapping("/v1/ledger/audit")
    @ApiContract(params = Empty.class, returns = "ledger_audit", summary = "Check every journal entry and balance against the postings (admin token)")
    ResponseEntity<String> audit(RawParams params) {
        binder.bind(params.values(), Empty.class);
        return responses.ok(audit.run().render());
    }

    private static Map<String, Object> render(String merchant, boolean livemode, FeeSchedule.Pricing p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "pricing");
        out.put("merchant", merchant);
        out.put("livemode", livemode);
        out.put("payment_method_type", p.paymentMethodType());
        out.put("currency", p.currency());
        out.put("percent_bps", p.percentBps());
        out.put("fixed_amount", p.fixedMinor());
        out.put("rounding", p.rounding().name().toLowerCase(java.util.Locale.ROOT));
        out.put("refund_fees", p.refundFees() ? "proportional" : "none");
        out.put("dispute_fee", p.disputeFeeMinor());
        return out;
    }
}
