package io.paygate.simulator.web;

import io.paygate.simulator.SimRefund;
import io.paygate.simulator.SimulatorObjects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's lists of refunds. */
final class RefundView {

    private RefundView() {
    }

    static Map<String, Object> list(List<SimRefund> refunds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", refunds.stream().map(SimulatorObjects::refund).toList());
        return out;
    }
}
