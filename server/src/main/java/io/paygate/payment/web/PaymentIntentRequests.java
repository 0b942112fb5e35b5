package io.paygate.payment.web;

import io.paygate.platform.wire.Address;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RangeFilter;
import java.util.List;
import java.util.Map;

/** Request records of the payment intent and charge endpoints. */
final class PaymentIntentRequests {

    private PaymentIntentRequests() {
    }

    record AutomaticPaymentMethods(Boolean enabled, String allowRedirects) {
    }

    record ShippingParams(Address address, String name, String phone, String carrier, String trackingNumber) {
    }

    /** Card fields as sent inline; {@link #toString()} never shows the number or code. */
    record CardData(String number, Long expMonth, Long expYear, String cvc) {
        @Override
        public String toString() {
            return "CardData[****]";
        }
    }

    record BillingDetailsParams(Address address, String email, String name, String phone) {
    }

    record PaymentMethodData(String type, CardData card, Map<String, String> upi, Map<String, String> netbanking,
                             BillingDetailsParams billingDetails, MetadataUpdate metadata) {
        @Override
        public String toString() {
            return "PaymentMethodData[" + type + "]";
        }
    }

    record Create(Long amount, String currency, AutomaticPaymentMethods automaticPaymentMethods, String captureMethod,
                  Boolean confirm, String confirmationMethod, String customer, String description, MetadataUpdate metadata,
                  String paymentMethod, PaymentMethodData paymentMethodData, List<String> paymentMethodTypes,
                  String receiptEmail, String returnUrl, String setupFutureUsage, ShippingParams shipping,
                  String statementDescriptor, String statementDescriptorSuffix, List<String> expand) {
        @Override
        public String toString() {
            return "Create[" + amount + " " + currency + "]";
        }
    }

    record Update(Long amount, String currency, String captureMethod, String customer, String description,
                  MetadataUpdate metadata, String paymentMethod, List<String> paymentMethodTypes, String receiptEmail,
                  String setupFutureUsage, ShippingParams shipping, String statementDescriptor,
                  String statementDescriptorSuffix, List<String> expand) {
    }

    record Confirm(String paymentMethod, PaymentMethodData paymentMethodData, String returnUrl, String receiptEmail,
                   String setupFutureUsage, ShippingParams shipping, String captureMethod, String clientSecret,
                   List<String> expand) {
        @Override
        public String toString() {
            return "Confirm[]";
        }
    }

    record Capture(Long amountToCapture, MetadataUpdate metadata, String statementDescriptor,
                   String statementDescriptorSuffix, List<String> expand) {
    }

    record Cancel(String cancellationReason, List<String> expand) {
    }

    record Retrieve(String clientSecret, List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, String customer, RangeFilter created,
                      List<String> expand) {
    }

    record ChargeList(Long limit, String startingAfter, String endingBefore, String customer, String paymentIntent,
                      RangeFilter created, List<String> expand) {
    }

    record SearchParams(String query, Long limit, String page, List<String> expand) {
    }
}
