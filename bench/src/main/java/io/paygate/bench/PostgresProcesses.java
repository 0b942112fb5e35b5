package io.paygate.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The PostgreSQL processes that work for one database, from {@code pg_stat_activity}: its backends
 * (the server's pool, the baseline's pool, autovacuum workers on it) and the cluster's shared
 * background processes, which have no database. Only meaningful when PostgreSQL runs on this machine.
 */
final class PostgresProcesses implements CpuMeter.DatabaseProcesses, AutoCloseable {

    private static final String QUERY = "select pid from pg_stat_activity where datname = current_database() or datname is null";

    private final Connection connection;

    PostgresProcesses(ServerLauncher.Database database) {
        try {
            this.connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to " + database.url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Set<Long> pids() {
        Set<Long> pids = new HashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
            while (rows.next()) {
                pids.add(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list PostgreSQL processes: " + e.getMessage(), e);
        }
        return pids;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
