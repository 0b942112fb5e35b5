package io.paygate;

import io.paygate.platform.config.DatabaseUrl;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PaygateApplication {

    /**
     * The buffer the JDK's HTTP client reads each connection into (its default is 16 KB). Paygate
     * holds one connection per payment waiting on a processor, and a processor's or a webhook
     * receiver's answer is a few kilobytes, so a smaller buffer lets thousands of payments wait in
     * less heap. Set {@code -Djdk.httpclient.bufsize} to override.
     */
    static final String HTTP_CLIENT_BUFFER_BYTES = "4096";

    public static void main(String[] args) {
        DatabaseUrl.applyFromEnvironment(System.getenv());
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", HTTP_CLIENT_BUFFER_BYTES);
        }
        SpringApplication.run(PaygateApplication.class, args);
    }
}
