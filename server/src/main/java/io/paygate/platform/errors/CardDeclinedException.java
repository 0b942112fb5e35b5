package io.paygate.platform.errors;

import java.util.Map;

/** A 402 {@code card_error}, carrying the payment intent (and charge) the decline belongs to. */
public final class CardDeclinedException extends ApiException {

    public CardDeclinedException(String code, String declineCode, String message, String param,
                                 Map<String, Object> extra) {
        super(402, "card_error", code, message, param, declineCode, extra);
    }
}
