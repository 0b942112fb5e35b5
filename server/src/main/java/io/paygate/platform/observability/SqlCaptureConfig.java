package io.paygate.platform.observability;

import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wraps the data source with {@link SqlCapture} when the diagnostics flag is on (benchmarks only). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("paygate.diagnostics.sql-capture")
class SqlCaptureConfig {

    @Bean
    SqlCapture sqlCapture() {
        return new SqlCapture();
    }

    @Bean
    static BeanPostProcessor sqlCaptureDataSource(org.springframework.beans.factory.ObjectProvider<SqlCapture> capture) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
                    SqlCapture listener = capture.getObject();
                    return ProxyDataSourceBuilder.create(dataSource).listener(listener).methodListener(listener).build();
                }
                return bean;
            }
        };
    }
}
