package io.paygate.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values out of the server's {@code /metrics} (Prometheus text format). */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every series of metric {@code name} whose labels contain {@code label} (for
     * example {@code area="heap"}; empty for any), or -1 when there is none.
     */
    static double sum(String text, String name, String label) {
        Pattern series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+([0-9.eE+-]+)");
        Matcher m = series.matcher(text == null ? "" : text);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                total += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? total : -1;
    }
}
