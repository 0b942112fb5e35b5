package io.paygate.payment.web;

import io.paygate.connector.spi.Currency;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.Secret;
import io.paygate.customer.CustomerService;
import io.paygate.payment.ConfirmRequest;
import io.paygate.payment.NewPaymentIntent;
import io.paygate.payment.PaymentIntentChanges;
import io.paygate.paymentmethod.BillingDetails;
import io.paygate.paymentmethod.PaymentMethodService;
import io.paygate.paymentmethod.TestCardShortcuts;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.Shipping;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Validates payment intent requests completely before anything runs, so a bad request is refused
 * without writing anything or reaching a processor, and turns them into the service's records.
 */
@Component
class PaymentIntentParams {

    static final Set<String> METHOD_TYPES = Set.of("card", "upi", "netbanking");
    private static final Set<String> INR_ONLY = Set.of("upi", "netbanking");
    private static final Set<String> CAPTURE_METHODS = Set.of("automatic", "automatic_async", "manual");
    private static final Set<String> CONFIRMATION_METHODS = Set.of("automatic", "manual");
    private static final Set<String> FUTURE_USAGE = Set.of("on_session", "off_session");
    static final Set<String> CANCELLATION_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");

    private final CustomerService customers;
    private final PaymentMethodService paymentMethods;

    PaymentIntentParams(CustomerService customers, PaymentMethodService paymentMethods) {
        this.customers = customers;
        this.paymentMethods = paymentMethods;
    }

    NewPaymentIntent forCreate(CallContext ctx, PaymentIntentRequests.Create body) {
        if (body.amount() == null) {
            throw ApiException.missingParam("amount");
        }
        if (body.currency() == null) {
            throw ApiException.missingParam("currency");
        }
        Currency currency = currency(body.currency());
        checkAmount(body.amount(), currency);
        List<String> types = methodTypes(body.paymentMethodTypes(), body.automaticPaymentMethods(), currency);
        oneOf("capture_method", body.captureMethod(), CAPTURE_METHODS);
        oneOf("confirmation_method", body.confirmationMethod(), CONFIRMATION_METHODS);
        oneOf("setup_future_usage", body.setupFutureUsage(), FUTURE_USAGE);
        checkText(body.description(), body.receiptEmail(), body.statementDescriptor(), body.statementDescriptorSuffix());
        checkReturnUrl(body.returnUrl());
        if (body.customer() != null) {
            customers.requireActive(ctx, body.customer(), "customer");
        }
        if (body.paymentMethod() != null && body.paymentMethodData() != null) {
            throw ApiException.invalidRequest("You may only specify one of these parameters: payment_method, payment_method_data.");
        }
        checkPaymentMethod(ctx, body.paymentMethod());
        if (body.paymentMethodData() != null) {
            paymentMethods.validate(paymentMethodData(body.paymentMethodData()));
        }
        if (Boolean.TRUE.equals(body.confirm()) && body.paymentMethod() == null && body.paymentMethodData() == null) {
            throw ApiException.invalidRequest("payment_intent_unexpected_state", "You cannot confirm this PaymentIntent "
                    + "because it's missing a payment method. Pass payment_method or payment_method_data.", "payment_method");
        }
        return new NewPaymentIntent(body.amount(), currency.code(), orDefault(body.captureMethod(), "automatic"),
                orDefault(body.confirmationMethod(), "automatic"), body.customer(), body.paymentMethod(), types,
                body.description(), body.receiptEmail(), body.statementDescriptor(), body.statementDescriptorSuffix(),
                body.setupFutureUsage(), shipping(body.shipping()), body.returnUrl(), MetadataUpdate.orEmpty(body.metadata()));
    }

    PaymentIntentChanges forUpdate(CallContext ctx, PaymentIntentRequests.Update body, Set<String> present,
                                   String currentCurrency, long currentAmount, List<String> currentTypes,
                                   Map<String, String> metadata) {
        Currency currency = currency(body.currency() != null ? body.currency() : currentCurrency);
        if (present.contains("amount") && body.amount() == null) {
            throw ApiException.missingParam("amount");
        }
        checkAmount(body.amount() != null ? body.amount() : currentAmount, currency);
        List<String> types = body.paymentMethodTypes() != null ? methodTypes(body.paymentMethodTypes(), null, currency) : currentTypes;
        if (body.paymentMethodTypes() == null) {
            checkTypesForCurrency(types, currency);
        }
        oneOf("capture_method", body.captureMethod(), CAPTURE_METHODS);
        oneOf("setup_future_usage", body.setupFutureUsage(), FUTURE_USAGE);
        checkText(body.description(), body.receiptEmail(), body.statementDescriptor(), body.statementDescriptorSuffix());
        if (body.customer() != null) {
            customers.requireActive(ctx, body.customer(), "customer");
        }
        checkPaymentMethod(ctx, body.paymentMethod());
        return new PaymentIntentChanges(body.amount(), currency.code(), body.captureMethod(), body.customer(),
                body.paymentMethod(), types, body.description(), body.receiptEmail(), body.statementDescriptor(),
                body.statementDescriptorSuffix(), body.setupFutureUsage(), shipping(body.shipping()), metadata,
                normalize(present, body.currency() != null));
    }

    ConfirmRequest forConfirm(CallContext ctx, String paymentMethod, PaymentIntentRequests.PaymentMethodData data,
                              String returnUrl, String receiptEmail, String setupFutureUsage,
                              PaymentIntentRequests.ShippingParams shipping, String captureMethod, Set<String> present) {
        if (paymentMethod != null && data != null) {
            throw ApiException.invalidRequest("You may only specify one of these parameters: payment_method, payment_method_data.");
        }
        checkPaymentMethod(ctx, paymentMethod);
        PaymentMethodService.NewPaymentMethod inline = data == null ? null : paymentMethodData(data);
        if (inline != null) {
            paymentMethods.validate(inline);
        }
        checkReturnUrl(returnUrl);
        checkText(null, receiptEmail, null, null);
        oneOf("setup_future_usage", setupFutureUsage, FUTURE_USAGE);
        oneOf("capture_method", captureMethod, CAPTURE_METHODS);
        return new ConfirmRequest(paymentMethod, inline, returnUrl, receiptEmail, setupFutureUsage, shipping(shipping),
                captureMethod, present);
    }

    PaymentMethodService.NewPaymentMethod paymentMethodData(PaymentIntentRequests.PaymentMethodData data) {
        PaymentIntentRequests.CardData card = data.card();
        PaymentIntentRequests.BillingDetailsParams billing = data.billingDetails();
        return new PaymentMethodService.NewPaymentMethod(data.type(),
                card == null ? null : new PaymentMethodService.CardInput(Secret.ofNullable(card.number()), card.expMonth(),
                        card.expYear(), Secret.ofNullable(card.cvc())),
                data.upi() == null ? null : data.upi().get("vpa"),
                data.netbanking() == null ? null : data.netbanking().get("bank"),
                billing == null ? BillingDetails.empty()
                        : new BillingDetails(billing.address(), billing.email(), billing.name(), billing.phone()).render(),
                MetadataUpdate.orEmpty(data.metadata()));
    }

    private void checkPaymentMethod(CallContext ctx, String paymentMethod) {
        if (paymentMethod == null) {
            return;
        }
        if (TestCardShortcuts.cardNumber(paymentMethod) != null && !ctx.livemode()) {
            return;
        }
        paymentMethods.get(ctx, paymentMethod);
    }

    private static Set<String> normalize(Set<String> present, boolean currencyGiven) {
        Set<String> out = new HashSet<>(present);
        if (currencyGiven) {
            out.add("currency");
        }
        return out;
    }

    static Currency currency(String code) {
        return Currency.find(code).orElseThrow(() -> ApiException.invalidParam("currency",
                "Invalid currency: " + code.toLowerCase(java.util.Locale.ROOT) + ". Paygate supports ISO 4217 currency codes such as usd, eur, inr, jpy."));
    }

    static void checkAmount(long amount, Currency currency) {
        if (amount < 1) {
            throw ApiException.invalidParam("amount", "Invalid positive integer: amount must be at least 1.");
        }
        if (amount > Currency.MAXIMUM_AMOUNT_MINOR) {
            throw ApiException.invalidRequest("amount_too_large", "Amount must be no more than "
                    + new Money(Currency.MAXIMUM_AMOUNT_MINOR, currency).format() + ".", "amount");
        }
        if (amount < currency.minimumChargeMinor()) {
            throw ApiException.invalidRequest("amount_too_small", "Amount must be at least "
                    + new Money(currency.minimumChargeMinor(), currency).format() + ".", "amount");
        }
    }

    private static List<String> methodTypes(List<String> requested, PaymentIntentRequests.AutomaticPaymentMethods automatic,
                                            Currency currency) {
        boolean auto = automatic != null && Boolean.TRUE.equals(automatic.enabled());
        if (requested != null && auto) {
            throw ApiException.invalidRequest("You may only specify one of these parameters: automatic_payment_methods, payment_method_types.");
        }
        if (automatic != null) {
            oneOf("automatic_payment_methods[allow_redirects]", automatic.allowRedirects(), Set.of("always", "never"));
        }
        if (requested == null || requested.isEmpty()) {
            if (auto && currency.code().equals("inr")
                    && (automatic.allowRedirects() == null || automatic.allowRedirects().equals("always"))) {
                return List.of("card", "upi", "netbanking");
            }
            if (auto && currency.code().equals("inr")) {
                return List.of("card", "upi");
            }
            return List.of("card");
        }
        for (String type : requested) {
            if (!METHOD_TYPES.contains(type)) {
                throw ApiException.invalidParam("payment_method_types", "The payment method type '" + type
                        + "' is invalid. Supported types: card, upi, netbanking.");
            }
        }
        checkTypesForCurrency(requested, currency);
        return List.copyOf(new java.util.LinkedHashSet<>(requested));
    }

    private static void checkTypesForCurrency(List<String> types, Currency currency) {
        for (String type : types) {
            if (INR_ONLY.contains(type) && !currency.code().equals("inr")) {
                throw ApiException.invalidParam("payment_method_types", "The currency provided (" + currency.code()
                        + ") is invalid for the payment method type " + type + ", which only supports inr.");
            }
        }
    }

    static void oneOf(String param, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ApiException.invalidParam(param, "Invalid " + param + ": must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
    }

    private static void checkText(String description, String receiptEmail, String descriptor, String suffix) {
        if (description != null && description.length() > 1000) {
            throw ApiException.invalidParam("description", "description must be at most 1000 characters.");
        }
        if (receiptEmail != null && (receiptEmail.length() > 512 || !receiptEmail.contains("@"))) {
            throw ApiException.invalidParam("receipt_email", "Invalid email address.");
        }
        checkDescriptor("statement_descriptor", descriptor);
        checkDescriptor("statement_descriptor_suffix", suffix);
    }

    private static void checkDescriptor(String param, String value) {
        if (value != null && (value.length() > 22 || value.matches(".*[<>\\\\'\"*].*"))) {
            throw ApiException.invalidParam(param, param + " must be at most 22 characters and may not contain < > \\ ' \" *.");
        }
    }

    static void checkReturnUrl(String returnUrl) {
        if (returnUrl == null) {
            return;
        }
        try {
            URI uri = URI.create(returnUrl);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null || returnUrl.length() > 2000) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParam("return_url", "return_url must be an absolute http or https URL.");
        }
    }

    private static Map<String, Object> shipping(PaymentIntentRequests.ShippingParams shipping) {
        if (shipping == null) {
            return null;
        }
        if (shipping.name() == null) {
            throw ApiException.missingParam("shipping[name]");
        }
        return new Shipping(shipping.address(), shipping.name(), shipping.phone(), shipping.carrier(),
                shipping.trackingNumber()).render();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
