package io.paygate.paymentmethod.web;

import io.paygate.paymentmethod.BillingDetails;
import io.paygate.platform.wire.Address;
import io.paygate.platform.wire.MetadataUpdate;
import java.util.List;

/** Request records of the payment method endpoints. */
final class PaymentMethodRequests {

    private PaymentMethodRequests() {
    }

    /** Card fields as sent; {@link #toString()} never shows the number or code. */
    record CardParams(String number, Long expMonth, Long expYear, String cvc) {
        @Override
        public String toString() {
            return "CardParams[****]";
        }
    }

    record UpiParams(String vpa) {
    }

    record NetbankingParams(String bank) {
    }

    record BillingDetailsParams(Address address, String email, String name, String phone) {
        BillingDetails toBillingDetails() {
            return new BillingDetails(address, email, name, phone);
        }
    }

    record Create(String type, CardParams card, UpiParams upi, NetbankingParams netbanking,
                  BillingDetailsParams billingDetails, MetadataUpdate metadata, List<String> expand) {
        @Override
        public String toString() {
            return "Create[" + type + "]";
        }
    }

    record CardUpdate(Long expMonth, Long expYear) {
    }

    record Update(BillingDetailsParams billingDetails, CardUpdate card, MetadataUpdate metadata, List<String> expand) {
    }

    record Attach(String customer, List<String> expand) {
    }

    record Expand(List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, String customer, String type,
                      List<String> expand) {
    }
}
