package io.paygate.merchant.web;

import io.paygate.platform.wire.MetadataUpdate;
import java.util.List;
import java.util.Map;

/** Request records of the platform administration API. */
final class AdminRequests {

    private AdminRequests() {
    }

    record CreateMerchant(String name, String email, String country, String defaultCurrency, MetadataUpdate metadata,
                          List<String> expand) {
    }

    record CreateApiKey(String merchant, Boolean livemode, String type, String name, Map<String, String> permissions,
                        List<String> expand) {
    }

    record RollApiKey(Long expiresAt, Long expiresIn, List<String> expand) {
    }

    record Empty(List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, String merchant, List<String> expand) {
    }
}
