package io.paygate.platform.observability;

import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wraps the data source with {@link SqlCapture} when the diagnostics flag is on (benchmarks only).
 * Only connections taken for a request being captured go through the recording proxy; every other
 * request gets the pool's connection directly, so the flag costs the rest of the traffic nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("paygate.diagnostics.sql-capture")
class SqlCaptureConfig {

    @Bean
    SqlCapture sqlCapture() {
        return new SqlCapture();
    }

    /**
     * Ordered, so that it wraps the pool before the connections that hold writes wrap it in turn: the
     * held writes are then recorded as they are sent.
     */
    @Bean
    static OrderedPostProcessor sqlCaptureDataSource(org.springframework.beans.factory.ObjectProvider<SqlCapture> capture) {
        return new OrderedPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof CapturingDataSource)) {
                    SqlCapture listener = capture.getObject();
                    return new CapturingDataSource(dataSource, listener,
                            ProxyDataSourceBuilder.create(dataSource).listener(listener).methodListener(listener).build());
                }
                return bean;
            }
        };
    }

    interface OrderedPostProcessor extends BeanPostProcessor, org.springframework.core.Ordered {
        @Override
        default int getOrder() {
            return 0;
        }
    }

    static final class CapturingDataSource extends org.springframework.jdbc.datasource.DelegatingDataSource {
        private final SqlCapture capture;
        private final DataSource recording;

        CapturingDataSource(DataSource target, SqlCapture capture, DataSource recording) {
            super(target);
            this.capture = capture;
            this.recording = recording;
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return capture.wanted() ? recording.getConnection() : super.getConnection();
        }

        @Override
        public java.sql.Connection getConnection(String username, String password) throws java.sql.SQLException {
            return capture.wanted() ? recording.getConnection(username, password) : super.getConnection(username, password);
        }
    }
}
