package io.paygate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine a run was measured on. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        long memory = Runtime.getRuntime().maxMemory();
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java " + Runtime.version()
                + ", bench heap " + memory / (1024 * 1024) + " MB";
    }
}
