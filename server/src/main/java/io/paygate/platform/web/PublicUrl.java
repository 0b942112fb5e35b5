package io.paygate.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The address customers' browsers reach Paygate at, for redirect and return URLs:
 * {@code paygate.public-url}, or {@code http://localhost:<port>} of this server.
 */
@Component
public class PublicUrl {

    private final String configured;
    private final ApplicationContext context;

    PublicUrl(@Value("${paygate.public-url:}") String configured, ApplicationContext context) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        this.context = context;
    }

    public String base() {
        if (!configured.isBlank()) {
            return configured;
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://localhost:" + port;
    }

    public String resolve(String path) {
        return base() + path;
    }
}
