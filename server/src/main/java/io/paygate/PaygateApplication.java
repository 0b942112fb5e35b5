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

    public static void main(String[] args) {
        DatabaseUrl.applyFromEnvironment(System.getenv());
        SpringApplication.run(PaygateApplication.class, args);
    }
}
