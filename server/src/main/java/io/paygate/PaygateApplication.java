package io.paygate;

import io.paygate.platform.config.BuildTimeBeans;
import io.paygate.platform.config.DatabaseUrl;
import java.util.Optional;
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

    private static ConfigurableApplicationContext start(String[] args) {
        Optional<String> beans = BuildTimeBeans.applyToThisStart(args);
        DatabaseUrl.applyFromEnvironment(System.getenv());
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", HTTP_CLIENT_BUFFER_BYTES);
        }
        SpringApplication application = new SpringApplication(PaygateApplication.class);
        beans.ifPresent(line -> application.addListeners((ApplicationListener<ApplicationStartedEvent>) started ->
                LoggerFactory.getLogger(PaygateApplication.class).info(line)));
        return application.run(args);
    }
}
