package io.paygate.customer.web;

import io.paygate.platform.wire.Address;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RangeFilter;
import io.paygate.platform.wire.Shipping;
import java.util.List;

/** Request records of the customer endpoints. */
final class CustomerRequests {

    private CustomerRequests() {
    }

    record ShippingParams(Address address, String name, String phone) {
        Shipping toShipping() {
            return new Shipping(address, name, phone, null, null);
        }
    }

    record InvoiceSettings(String defaultPaymentMethod) {
    }

    record Create(String email, String name, String phone, String description, Address address, ShippingParams shipping,
                  MetadataUpdate metadata, String paymentMethod, InvoiceSettings invoiceSettings, List<String> expand) {
    }

    record Update(String email, String name, String phone, String description, Address address, ShippingParams shipping,
                  MetadataUpdate metadata, InvoiceSettings invoiceSettings, List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, String email, RangeFilter created,
                      List<String> expand) {
    }

    record SearchParams(String query, Long limit, String page, List<String> expand) {
    }

    record Expand(List<String> expand) {
    }
}
