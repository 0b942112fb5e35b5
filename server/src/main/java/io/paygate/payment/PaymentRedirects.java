package io.paygate.payment;

import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The customer's browser comes back here from a processor's page (3-D Secure, bank). Paygate asks
 * the processor what happened before sending the customer on, so the merchant's return page sees
 * the final status.
 */
@Service
public class PaymentRedirects {

    /** Where the customer lands, and the intent as it stands. */
    public record Completion(PaymentIntent intent, String redirectStatus) {
    }

    private final ChargeRepository charges;
    private final PaymentIntentRepository intents;
    private final PaymentReconciler reconciler;

    PaymentRedirects(ChargeRepository charges, PaymentIntentRepository intents, PaymentReconciler reconciler) {
        this.charges = charges;
        this.intents = intents;
        this.reconciler = reconciler;
    }

    public Optional<Completion> complete(String chargeId) {
        Optional<Charge> found = charges.findById(chargeId, false);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().processorState().isUnresolved()) {
            reconciler.resolveCharge(chargeId);
        }
        Charge charge = charges.findById(chargeId, false).orElseThrow();
        PaymentIntent intent = intents.findById(charge.paymentIntentId(), false).orElseThrow();
        return Optional.of(new Completion(intent, redirectStatus(charge)));
    }

    private static String redirectStatus(Charge charge) {
        return switch (charge.processorState()) {
            case AUTHORIZED, CAPTURED -> "succeeded";
            case DECLINED, VOIDED -> "failed";
            case SENT, UNKNOWN, PENDING -> "processing";
            case ACTION_REQUIRED -> "requires_action";
        };
    }
}
