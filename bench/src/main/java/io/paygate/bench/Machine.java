package io.paygate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A one-line description of the machine a run was measured on. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        long memory = Runtime.getRuntime().maxMemory();
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java " + Runtime.version()
                + ", bench heap " + memory / (1024 * 1024) + " MB on " + OwnPauses.collector();
    }

    /**
     * The PostgreSQL version and the settings that move the figures: durability (fsync,
     * synchronous_commit), memory, and autovacuum, without which tables have no planner statistics.
     */
    public static String postgresSettings(ServerLauncher.Database database) {
        List<String> parts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select name, setting, unit from pg_settings where name in ('server_version', 'fsync',
                         'synchronous_commit', 'shared_buffers', 'autovacuum', 'max_connections') order by name""")) {
            while (rs.next()) {
                String unit = rs.getString(3);
                parts.add(rs.getString(1) + "=" + rs.getString(2) + (unit == null ? "" : " x " + unit));
            }
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return String.join(", ", parts);
    }
}
