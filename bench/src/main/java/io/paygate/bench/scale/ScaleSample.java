package io.paygate.bench.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loaded values the measurements pick from at random: intent ids (retrieves and deep cursors),
 * intents that have charges, order ids in metadata, and customers. Collected while loading, so no
 * query is needed to find them.
 */
final class ScaleSample {

    private final List<String> intents = new ArrayList<>();
    private final List<String> chargedIntents = new ArrayList<>();
    private final List<String> orderIds = new ArrayList<>();
    private final List<String> customers = new ArrayList<>();

    synchronized void intent(String id, boolean charged) {
        intents.add(id);
        if (charged) {
            chargedIntents.add(id);
        }
    }

    synchronized void orderId(String orderId) {
        orderIds.add(orderId);
    }

    synchronized void customers(List<String> ids) {
        customers.addAll(ids);
    }

    String intent() {
        return pick(intents);
    }

    String chargedIntent() {
        return pick(chargedIntents);
    }

    String orderId() {
        return pick(orderIds);
    }

    String customer() {
        return pick(customers);
    }

    synchronized String describe() {
        return intents.size() + " intents, " + chargedIntents.size() + " with charges, " + orderIds.size() + " order ids, "
                + customers.size() + " customers";
    }

    private synchronized String pick(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("nothing was sampled while loading");
        }
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }
}
