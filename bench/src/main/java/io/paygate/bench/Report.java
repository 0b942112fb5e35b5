package io.paygate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's results: {@code results.json} for machines and {@code summary.md} for people. */
public final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** A budget line: the figure, its target, and whether it is met. */
    public record Target(String what, String figure, String target, boolean met) {
    }

    private Report() {
    }

    public static Path write(Path dir, Map<String, Object> run, Map<String, Series> series, Map<String, Map<String, Object>> scenarios,
                      java.util.List<Target> targets) {
        try {
            Files.createDirectories(dir);
            Map<String, Object> all = new LinkedHashMap<>(run);
            all.put("scenarios", scenarios);
            all.put("targets", targets);
            Map<String, Object> measured = new LinkedHashMap<>();
            series.forEach((name, s) -> measured.put(name, s.toMap()));
            all.put("series", measured);
            Files.writeString(dir.resolve("results.json"), JSON.writeValueAsString(all));
            Files.writeString(dir.resolve("summary.md"), markdown(run, series, scenarios, targets));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String markdown(Map<String, Object> run, Map<String, Series> series, Map<String, Map<String, Object>> scenarios,
                           java.util.List<Target> targets) {
        StringBuilder md = new StringBuilder("# Paygate benchmark run\n\n");
        run.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Targets\n\n| what | figure | target | met |\n|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.what()).append(" | ").append(t.figure()).append(" | ").append(t.target()).append(" | ")
                    .append(t.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n## Scenarios\n");
        scenarios.forEach((name, figures) -> {
            md.append("\n### ").append(name).append("\n\n");
            figures.forEach((k, v) -> md.append("- ").append(k).append(": ").append(format(v)).append('\n'));
        });
        md.append("\n## Series (medians of the repetitions; spread = min..max)\n\n");
        md.append("| series | ops/s | spread | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | server CPU ms/op | DB CPU ms/op | processor CPU ms/op | bench CPU ms/op | bench GC pauses (longest ms) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        series.forEach((name, s) -> md.append("| ").append(name)
                .append(" | ").append(format(s.median(Window::throughput)))
                .append(" | ").append(format(s.min(Window::throughput))).append("..").append(format(s.max(Window::throughput)))
                .append(" | ").append(format(s.median(w -> w.percentileMs(50))))
                .append(" | ").append(format(s.median(w -> w.percentileMs(90))))
                .append(" | ").append(format(s.median(w -> w.percentileMs(99))))
                .append(" | ").append(format(s.median(w -> w.percentileMs(99.9))))
                .append(" | ").append(format(s.max(Window::maxMs)))
                .append(" | ").append(s.totalErrors())
                .append(" | ").append(format(s.median(Window::serverCpuMsPerOp)))
                .append(" | ").append(format(s.median(Window::databaseCpuMsPerOp)))
                .append(" | ").append(format(s.median(Window::processorCpuMsPerOp)))
                .append(" | ").append(format(s.median(Window::benchCpuMsPerOp)))
                .append(" | ").append(s.windows().stream().mapToInt(w -> w.benchPauses().count()).sum())
                .append(" (").append(s.windows().stream().mapToLong(w -> w.benchPauses().longestMs()).max().orElse(0)).append(')')
                .append(" |\n"));
        return md.toString();
    }

    public static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : Math.abs(d) >= 10 ? "%.1f" : "%.2f", d);
        }
        return String.valueOf(value);
    }
}
