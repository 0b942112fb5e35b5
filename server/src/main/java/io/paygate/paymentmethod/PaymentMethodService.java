package io.paygate.paymentmethod;

import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.Secret;
import io.paygate.customer.CustomerService;
import io.paygate.event.EventLog;
import io.paygate.platform.db.MetadataIndex;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.errors.CardDeclinedException;
import io.paygate.platform.idempotency.RecoveryPoints;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.json.Diff;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import io.paygate.vault.CardVault;
import io.paygate.vault.CvcHolder;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment methods: cards (validated, number vaulted, security code held briefly in memory), UPI
 * addresses and net banking banks; attached to and detached from customers.
 */
@Service
public class PaymentMethodService {

    /** A new card as typed by the customer. The number and code are secrets from the moment they are read. */
    public record CardInput(Secret number, Long expMonth, Long expYear, Secret cvc) {
    }

    public record NewPaymentMethod(String type, CardInput card, String upiVpa, String netbankingBank,
                                   Map<String, Object> billingDetails, Map<String, String> metadata) {
    }

    private static final int MAX_YEARS_AHEAD = 50;

    private final PaymentMethodRepository paymentMethods;
    private final CustomerService customers;
    private final CardVault vault;
    private final CvcHolder cvcHolder;
    private final MetadataIndex metadataIndex;
    private final EventLog events;
    private final Ids ids;
    private final Clock clock;
    private final RecoveryPoints recoveryPoints;

    PaymentMethodService(PaymentMethodRepository paymentMethods, CustomerService customers, CardVault vault,
                         CvcHolder cvcHolder, MetadataIndex metadataIndex, EventLog events, Ids ids, Clock clock,
                         RecoveryPoints recoveryPoints) {
        this.paymentMethods = paymentMethods;
        this.customers = customers;
        this.vault = vault;
        this.cvcHolder = cvcHolder;
        this.metadataIndex = metadataIndex;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.recoveryPoints = recoveryPoints;
    }

    /** Validates a card before anything is written; card problems are 402 {@code card_error}s as at Stripe. */
    public void validateCard(CardInput card) {
        if (card == null) {
            throw ApiException.missingParam("card");
        }
        if (card.number() == null) {
            throw ApiException.missingParam("card[number]");
        }
        String digits = CardNumbers.normalize(card.number().reveal());
        CardBrand brand = digits == null ? null : CardBrand.of(digits);
        if (digits == null || !CardNumbers.passesLuhn(digits) || brand == null || !brand.acceptsLength(digits.length())) {
            throw cardError("incorrect_number", "Your card number is incorrect.", "number");
        }
        if (card.expMonth() == null) {
            throw ApiException.missingParam("card[exp_month]");
        }
        if (card.expYear() == null) {
            throw ApiException.missingParam("card[exp_year]");
        }
        validateExpiry(card.expMonth(), card.expYear());
        if (card.cvc() != null) {
            String cvc = card.cvc().reveal();
            if (!cvc.matches("\\d{3,4}") || (brand == CardBrand.AMEX ? cvc.length() != 4 : cvc.length() != 3)) {
                throw cardError("invalid_cvc", "Your card's security code is invalid.", "cvc");
            }
        }
    }

    public void validate(NewPaymentMethod request) {
        if (request.type() == null) {
            throw ApiException.missingParam("type");
        }
        switch (request.type()) {
            case "card" -> {
                requireAbsent(request.upiVpa(), "upi");
                requireAbsent(request.netbankingBank(), "netbanking");
                validateCard(request.card());
            }
            case "upi" -> {
                requireAbsent(request.card(), "card");
                requireAbsent(request.netbankingBank(), "netbanking");
                if (request.upiVpa() == null) {
                    throw ApiException.missingParam("upi[vpa]");
                }
                if (!request.upiVpa().matches("[A-Za-z0-9._-]{2,256}@[A-Za-z0-9]{2,64}")) {
                    throw ApiException.invalidParam("upi[vpa]", "Invalid UPI address: it must look like name@bank.");
                }
            }
            case "netbanking" -> {
                requireAbsent(request.card(), "card");
                requireAbsent(request.upiVpa(), "upi");
                if (request.netbankingBank() == null) {
                    throw ApiException.missingParam("netbanking[bank]");
                }
                if (!request.netbankingBank().matches("[a-z0-9_]{2,100}")) {
                    throw ApiException.invalidParam("netbanking[bank]", "Invalid bank code: use lower-case letters, digits and underscores.");
                }
            }
            default -> throw ApiException.invalidParam("type", "Invalid type: must be one of card, upi, netbanking.");
        }
    }

    /** Creates a validated payment method (call {@link #validate} first, before any idempotency record). */
    @Transactional
    public PaymentMethod create(CallContext ctx, NewPaymentMethod request) {
        validate(request);
        String id = ids.next("pm");
        recoveryPoints.mark(id);
        PaymentMethod.Card card = null;
        if (request.card() != null) {
            card = vaultCard(ctx.merchantId(), id, request.card());
        }
        PaymentMethod pm = new PaymentMethod(id, ctx.merchantId(), ctx.livemode(), request.type(), null, card,
                request.upiVpa(), request.netbankingBank(), request.billingDetails(), request.metadata(),
                clock.instant().getEpochSecond());
        paymentMethods.insert(pm);
        metadataIndex.insert("payment_method", id, ctx.merchantId(), ctx.livemode(), pm.metadata());
        // Stripe has no such event type; Paygate records every new payment method in its event log.
        events.record(ctx, "payment_method.created", pm.render(), null);
        return pm;
    }

    private PaymentMethod.Card vaultCard(String merchantId, String paymentMethodId, CardInput input) {
        String digits = CardNumbers.normalize(input.number().reveal());
        Secret number = Secret.of(digits);
        CardBrand brand = CardBrand.of(digits);
        BinTable.BinInfo bin = BinTable.lookup(digits);
        String vaultId = vault.store(merchantId, number);
        String cvcCheck = null;
        if (input.cvc() != null) {
            cvcHolder.hold(paymentMethodId, input.cvc());
            cvcCheck = "unchecked";
        }
        int year = (int) (input.expYear() < 100 ? 2000 + input.expYear() : input.expYear());
        return new PaymentMethod.Card(brand.wireName(), digits.substring(digits.length() - 4), input.expMonth().intValue(),
                year, bin.funding(), bin.country(), vault.fingerprint(merchantId, number), vaultId, cvcCheck);
    }

    public PaymentMethod get(CallContext ctx, String id) {
        return paymentMethods.find(ctx.merchantId(), ctx.livemode(), id, false)
                .orElseThrow(() -> ApiException.notFound("payment_method", id, "payment_method"));
    }

    /**
     * The payment method to charge: an existing one of this merchant and mode, or in test mode one of
     * Stripe's {@code pm_card_*} shortcuts, turned into a fresh payment method.
     */
    @Transactional
    public PaymentMethod forPayment(CallContext ctx, String id) {
        String testCard = TestCardShortcuts.cardNumber(id);
        if (testCard != null && !ctx.livemode()) {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            return create(ctx, new NewPaymentMethod("card", new CardInput(Secret.of(testCard), 12L,
                    (long) now.getYear() + 3, null), null, null, BillingDetails.empty(), Map.of()));
        }
        return get(ctx, id);
    }

    @Transactional
    public PaymentMethod update(CallContext ctx, String id, Map<String, Object> billingDetails, Long expMonth, Long expYear,
                                Map<String, String> metadata) {
        PaymentMethod before = paymentMethods.find(ctx.merchantId(), ctx.livemode(), id, true)
                .orElseThrow(() -> ApiException.notFound("payment_method", id, "id"));
        PaymentMethod.Card card = before.card();
        if ((expMonth != null || expYear != null) && card == null) {
            throw ApiException.invalidParam("card", "Only card payment methods have an expiry date.");
        }
        if (card != null && (expMonth != null || expYear != null)) {
            long month = expMonth != null ? expMonth : card.expMonth();
            long year = expYear != null ? expYear : card.expYear();
            validateExpiry(month, year);
            card = new PaymentMethod.Card(card.brand(), card.last4(), (int) month, (int) (year < 100 ? 2000 + year : year),
                    card.funding(), card.country(), card.fingerprint(), card.vaultId(), card.cvcCheck());
        }
        PaymentMethod after = new PaymentMethod(before.id(), before.merchantId(), before.livemode(), before.type(),
                before.customerId(), card, before.upiVpa(), before.netbankingBank(),
                billingDetails == null ? before.billingDetails() : billingDetails,
                metadata == null ? before.metadata() : metadata, before.created());
        paymentMethods.update(after);
        if (metadata != null) {
            metadataIndex.replace("payment_method", id, ctx.merchantId(), ctx.livemode(), after.metadata());
        }
        Map<String, Object> previous = Diff.previousAttributes(before.render(), after.render());
        if (!previous.isEmpty()) {
            events.record(ctx, "payment_method.updated", after.render(), previous);
        }
        return after;
    }

    private void validateExpiry(long month, long expYear) {
        if (month < 1 || month > 12) {
            throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
        }
        long year = expYear < 100 ? 2000 + expYear : expYear;
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        if (year < now.getYear() || year > now.getYear() + MAX_YEARS_AHEAD) {
            throw cardError("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year");
        }
        if (year == now.getYear() && month < now.getMonthValue()) {
            throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
        }
    }

    @Transactional
    public PaymentMethod attach(CallContext ctx, String id, String customerId) {
        PaymentMethod pm = paymentMethods.find(ctx.merchantId(), ctx.livemode(), id, true)
                .orElseThrow(() -> ApiException.notFound("payment_method", id, "payment_method"));
        customers.requireActive(ctx, customerId, "customer");
        if (customerId.equals(pm.customerId())) {
            return pm;
        }
        if (pm.customerId() != null) {
            throw ApiException.invalidRequest("payment_method_already_attached",
                    "The payment method you provided has already been attached to a customer.", "payment_method");
        }
        PaymentMethod attached = pm.withCustomer(customerId);
        paymentMethods.update(attached);
        events.record(ctx, "payment_method.attached", attached.render(), null);
        return attached;
    }

    /** Attaches after a successful payment with {@code setup_future_usage}, unless already attached elsewhere. */
    @Transactional
    public void attachIfUnattached(CallContext ctx, String id, String customerId) {
        paymentMethods.find(ctx.merchantId(), ctx.livemode(), id, true)
                .filter(pm -> pm.customerId() == null)
                .ifPresent(pm -> attach(ctx, id, customerId));
    }

    @Transactional
    public PaymentMethod detach(CallContext ctx, String id) {
        PaymentMethod pm = paymentMethods.find(ctx.merchantId(), ctx.livemode(), id, true)
                .orElseThrow(() -> ApiException.notFound("payment_method", id, "payment_method"));
        if (pm.customerId() == null) {
            throw ApiException.invalidRequest("payment_method_unexpected_state",
                    "The payment method you provided is not attached to a customer so detachment is impossible.", null);
        }
        PaymentMethod detached = pm.withCustomer(null);
        paymentMethods.update(detached);
        customers.forgetDefaultPaymentMethod(ctx, pm.customerId(), id);
        events.record(ctx, "payment_method.detached", detached.render(), Map.of("customer", pm.customerId()));
        return detached;
    }

    public Page<PaymentMethod> list(CallContext ctx, String customerId, String type, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        if (customerId != null) {
            customers.requireActive(ctx, customerId, "customer");
            where.and("customer_id = ?", customerId);
        }
        if (type != null) {
            where.and("type = ?", type);
        }
        return paymentMethods.page(where, page);
    }

    /**
     * What to send the processor for this payment method: the card number decrypted from the vault
     * and the security code if it is still held (it is handed out once).
     */
    public Instrument instrument(CallContext ctx, PaymentMethod pm) {
        return switch (pm.type()) {
            case "card" -> new Instrument.Card(vault.reveal(ctx.merchantId(), pm.card().vaultId()), pm.card().expMonth(),
                    pm.card().expYear(), cvcHolder.take(pm.id()), (String) pm.billingDetails().get("name"));
            case "upi" -> new Instrument.Upi(pm.upiVpa());
            case "netbanking" -> new Instrument.NetBanking(pm.netbankingBank());
            default -> throw new IllegalStateException("payment method type " + pm.type());
        };
    }

    /**
     * Records the processor's verdict on the security code ({@code pass}, {@code fail}) on a card whose
     * code was not checked yet, in one statement: a verdict never overwrites an earlier one.
     */
    @Transactional
    public void recordCvcCheck(CallContext ctx, String id, String result) {
        paymentMethods.recordCvcCheck(ctx.merchantId(), ctx.livemode(), id, result);
    }

    private static void requireAbsent(Object value, String param) {
        if (value != null) {
            throw ApiException.invalidParam(param, "Received " + param + " details for a payment method of another type.");
        }
    }

    private static CardDeclinedException cardError(String code, String message, String param) {
        return new CardDeclinedException(code, null, message, param, null);
    }
}
