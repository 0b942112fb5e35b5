package io.paygate;

import io.paygate.platform.config.BuildTimeBeans;
import io.paygate.platform.config.DatabaseUrl;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PaygateApplication {

    /**
     * The buffer the JDK's HTTP client reads each connection into (its default is 16 KB); the
     * simulator processor's webhook sender uses that client (Paygate's own calls to processors and
     * webhook endpoints keep 4 KB buffers of their own). Set {@code -Djdk.httpclient.bufsize} to override.
     */
    static final String HTTP_CLIENT_BUFFER_BYTES = "4096";

    /**
     * How the JDK wakes a virtual thread whose socket has data: {@code 1} ("system threads") has a
     * platform poller thread unpark it. The JDK's default on Linux runs the pollers as virtual threads
     * woken by a master poller, which adds a thread hand-off and more system calls to every wait, and
     * a request waits on the database about twenty times. Measured on a two-core machine (see
     * BENCHMARKS.md, machine 14): a nearly idle payment's server CPU and latency fell, the maximum
     * rate did not fall. Set {@code -Djdk.pollerMode=2} to keep the JDK's default. The JDK reads it once,
     * at the first socket wait of a virtual thread, so it is set before anything starts.
     */
    static final String POLLER_MODE = "1";

    /**
     * Set by the build's training start-up (the JVM recording its ahead-of-time cache): start and stop
     * the server twice, once with the bean definitions the build prepared and once making them at
     * start-up, so the cache holds the classes of both kinds of start, then exit.
     */
    static final String TRAINING = "paygate.startup-training";

    public static void main(String[] args) {
        if (Boolean.getBoolean("spring.aot.processing")) {
            BuildTimeBeans.requirePackagedConfigurationOnly(args);
        }
        if (Boolean.getBoolean(TRAINING)) {
            for (boolean prepared : new boolean[] {true, false}) {
                System.setProperty(BuildTimeBeans.FLAG, Boolean.toString(prepared));
                start(args).close();
            }
            System.exit(0);
        }
        start(args);
    }

    /** Paygate's defaults for the JDK settings above, each unless the launch set it. */
    static void applyJdkDefaults(Properties system) {
        system.putIfAbsent("jdk.httpclient.bufsize", HTTP_CLIENT_BUFFER_BYTES);
        system.putIfAbsent("jdk.pollerMode", POLLER_MODE);
    }

    private static ConfigurableApplicationContext start(String[] args) {
        Optional<String> beans = BuildTimeBeans.applyToThisStart(args);
        DatabaseUrl.applyFromEnvironment(System.getenv());
        applyJdkDefaults(System.getProperties());
        SpringApplication application = new SpringApplication(PaygateApplication.class);
        beans.ifPresent(line -> application.addListeners((ApplicationListener<ApplicationStartedEvent>) started ->
                LoggerFactory.getLogger(PaygateApplication.class).info(line)));
        return application.run(args);
    }
}
