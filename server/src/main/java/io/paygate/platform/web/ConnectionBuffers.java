package io.paygate.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The socket buffers Tomcat keeps for every open connection ({@code paygate.http.socket-buffer-bytes}
 * for reading and for writing). A payment holds its connection for as long as its processor takes to
 * answer, so with thousands of payments waiting on a slow processor these buffers are a large part
 * of the heap; Paygate's requests and answers are a few kilobytes, so 4 KB (Tomcat's default is
 * 8 KB) costs them nothing. The response header buffer is 4 KB for the same reason
 * ({@code server.tomcat.max-http-response-header-size}).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

    @Bean
    TomcatConnectorCustomizer socketBuffers(@Value("${paygate.http.socket-buffer-bytes:4096}") int bytes) {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(bytes));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(bytes));
        };
    }
}
