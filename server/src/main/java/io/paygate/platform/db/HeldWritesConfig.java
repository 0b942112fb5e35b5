package io.paygate.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Gives every connection of the application's data source the {@link HeldWrites} it holds. */
@Configuration(proxyBeanMethods = false)
class HeldWritesConfig {

    @Bean
    static BeanPostProcessor heldWritesDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof HoldingDataSource)
                        ? new HoldingDataSource(dataSource) : bean;
            }
        };
    }

    /** Hands out connections that hold writes; sends held writes together where the database's driver can. */
    static final class HoldingDataSource extends DelegatingDataSource {

        private volatile Boolean together;

        HoldingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return hold(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return hold(super.getConnection(username, password));
        }

        private Connection hold(Connection connection) throws SQLException {
            Boolean known = together;
            if (known == null) {
                try {
                    known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
                } catch (SQLException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
                together = known;
            }
            return HoldingConnection.wrap(connection, known);
        }
    }
}
