package io.paygate.examples.orders;

import java.time.Instant;

/** One line per thing the service does, on standard output: enough for an example, no logging library. */
final class Log {

    private Log() {
    }

    static void info(String format, Object... args) {
        System.out.println(Instant.now() + " " + String.format(format, args));
    }
}
