package io.paygate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LowPauseLaunchTest {

    private static final Path JAR = Path.of("bench/target/paygate-bench.jar");
    private static final String[] ARGS = {"run", "--scenarios=checkout"};

    @Test
    void aBenchOnTheDefaultCollectorStartsItselfAgainOnZgcWithItsOptionsAndArguments() {
        List<String> command = LowPauseLaunch.command(List.of("-Xmx2g"), "G1 Young Generation", false, "/usr/bin/java",
                JAR, ARGS).orElseThrow();
        assertThat(command).containsExactly("/usr/bin/java", "-XX:+UseZGC", "-Xmx2g", "-Dpaygate.bench.relaunched=true",
                "-jar", JAR.toString(), "run", "--scenarios=checkout");
    }

    @Test
    void aChosenCollectorZgcOrARelaunchedBenchRunsAsItIs() {
        assertThat(LowPauseLaunch.command(List.of("-XX:+UseG1GC"), "G1 Young Generation", false, "java", JAR, ARGS)).isEmpty();
        assertThat(LowPauseLaunch.command(List.of(), "ZGC Minor Cycles", false, "java", JAR, ARGS)).isEmpty();
        assertThat(LowPauseLaunch.command(List.of(), "G1 Young Generation", true, "java", JAR, ARGS)).isEmpty();
        // Started from classes (a test, an IDE) rather than the jar: nothing to start again.
        assertThat(LowPauseLaunch.command(List.of(), "G1 Young Generation", false, "java", Path.of("bench/target/classes"), ARGS))
                .isEmpty();
    }
}
