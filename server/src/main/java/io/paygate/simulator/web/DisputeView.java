package io.paygate.simulator.web;

import io.paygate.simulator.SimDispute;
import io.paygate.simulator.SimulatorObjects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's lists of disputes. */
final class DisputeView {

    private DisputeView() {
    }

    static Map<String, Object> list(List<SimDispute> disputes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", disputes.stream().map(SimulatorObjects::dispute).toList());
        return out;
    }
}
