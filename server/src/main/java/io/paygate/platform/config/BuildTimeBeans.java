package io.paygate.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a start may use the bean definitions the build prepared. The package step runs Spring's
 * ahead-of-time processing, which evaluates every {@code @Conditional} against the packaged
 * {@code application.properties} and writes the resulting bean definitions as code; a start with
 * {@code -Dspring.aot.enabled=true} (as {@code paygate.args} asks) registers those instead of
 * scanning classes and evaluating conditions, which takes about a quarter off the start-up.
 *
 * <p>The price is that a setting which switches beans on or off is read at build time, not at start.
 * So a start that sets anything able to do that (Paygate's Kafka and diagnostics switches, Spring's
 * {@code spring.*}, {@code management.*}, {@code server.*} and {@code springdoc.*} settings, profiles,
 * or an external {@code application.*} file) as a system property, an environment variable or a
 * command-line argument makes its bean definitions at start-up as usual. Settings that only carry
 * values into beans that exist either way (the database URL and credentials, the pool's settings,
 * the port, every other {@code paygate.*} setting) keep the prepared definitions.
 */
public final class BuildTimeBeans {

    public static final String FLAG = "spring.aot.enabled";

    private static final List<String> SWITCHING_PREFIXES =
            List.of("spring.", "management.", "server.", "springdoc.", "paygate.kafka.", "paygate.diagnostics.");

    private static final Set<String> VALUE_ONLY = Set.of(FLAG, "spring.datasource.url",
            "spring.datasource.username", "spring.datasource.password", "server.port", "server.address");

    private static final String VALUE_ONLY_PREFIX = "spring.datasource.hikari.";

    /** Set by Spring while the package step prepares the definitions ({@code spring.aot.processing}, {@code spring.aot.*}). */
    private static final String PROCESSING_PREFIX = "spring.aot.";

    private BuildTimeBeans() {
    }

    /**
     * Applies the rule to this process: when the start asks for the prepared definitions but sets
     * something that could switch beans, turns the request off. Returns the line to log about it.
     */
    public static Optional<String> applyToThisStart(String[] args) {
        if (!Boolean.parseBoolean(System.getProperty(FLAG))) {
            return Optional.empty();
        }
        Optional<String> conflict = conflict(System.getenv(), System.getProperties(), args, Path.of(""));
        if (conflict.isEmpty()) {
            return Optional.of("Bean definitions prepared by the build are in use (" + FLAG + "=true)");
        }
        System.setProperty(FLAG, "false");
        return Optional.of("Bean definitions are made at start-up instead of taken from the build, because "
                + conflict.get() + " may switch beans on or off");
    }

    /**
     * Called while the build prepares the definitions: they must come from the packaged configuration
     * alone, so a build whose environment sets something able to switch beans (a start without that
     * setting would then get beans it did not ask for) fails, naming the setting.
     */
    public static void requirePackagedConfigurationOnly(String[] args) {
        conflict(System.getenv(), System.getProperties(), args, Path.of("")).ifPresent(conflict -> {
            throw new IllegalStateException("The build prepares Paygate's bean definitions from the packaged configuration "
                    + "only, but " + conflict + " is set and may switch beans on or off; build without it");
        });
    }

    /** The first setting of this start that could switch beans on or off, if any. */
    static Optional<String> conflict(Map<String, String> env, Properties system, String[] args, Path workingDir) {
        for (String name : system.stringPropertyNames()) {
            if (switches(name)) {
                return Optional.of("the system property " + name);
            }
        }
        for (String name : env.keySet()) {
            if (switches(name.toLowerCase(Locale.ROOT).replace('_', '.'))) {
                return Optional.of("the environment variable " + name);
            }
        }
        for (String arg : args) {
            if (arg.startsWith("--")) {
                String name = arg.substring(2).split("=", 2)[0];
                if (switches(name)) {
                    return Optional.of("the argument --" + name);
                }
            }
        }
        return externalConfigFile(workingDir).map(file -> "the configuration file " + file);
    }

    static boolean switches(String name) {
        if (VALUE_ONLY.contains(name) || name.startsWith(VALUE_ONLY_PREFIX) || name.startsWith(PROCESSING_PREFIX)) {
            return false;
        }
        return SWITCHING_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Spring Boot also reads {@code application*} files from the working directory and {@code config/} under it. */
    private static Optional<Path> externalConfigFile(Path workingDir) {
        Path config = workingDir.resolve("config");
        for (Path dir : List.of(workingDir, config)) {
            Optional<Path> found = applicationFile(dir);
            if (found.isPresent()) {
                return found;
            }
        }
        if (!Files.isDirectory(config)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(config)) {
            return children.filter(Files::isDirectory).map(BuildTimeBeans::applicationFile)
                    .flatMap(Optional::stream).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> applicationFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("application") && (name.endsWith(".properties") || name.endsWith(".yml")
                        || name.endsWith(".yaml")) && Files.isRegularFile(file);
            }).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
