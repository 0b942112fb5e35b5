package io.paygate.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.support.PaygateIT;
import io.paygate.support.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes held by a transaction's connection behave as if they had run at once, and go to PostgreSQL together. */
class HeldWritesIT extends PaygateIT {

    @Autowired
    private HeldWrites writes;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TransactionTemplate tx;
    @Autowired
    private DataSource dataSource;

    private static final String INSERT = "insert into held_writes_probe (id, n) values (?, ?)";
    private static final String ADD = "update held_writes_probe set n = n + ? where id = ?";

    @BeforeEach
    void table() {
        jdbc.sql("create table if not exists held_writes_probe (id varchar(64) primary key, n bigint not null)").update();
    }

    private Long stored(String id) {
        return jdbc.sql("select n from held_writes_probe where id = ?").param(id).query(Long.class).optional().orElse(null);
    }

    @Test
    void heldWritesRunInOrderBeforeTheTransactionsNextStatementAndCommitWithIt() {
        String id = UUID.randomUUID().toString();
        List<Integer> counts = new ArrayList<>();
        Long seenInside = tx.execute(status -> {
            writes.update(INSERT, id, 1L);
            writes.update(ADD, new Object[] {10L, id}, counts::add);
            writes.update(ADD, new Object[] {5L, "no-such-row"}, counts::add);
            assertThat(counts).as("counts before the held writes were sent").isEmpty();
            return stored(id);
        });
        assertThat(seenInside).as("a read in the transaction sees the writes it holds").isEqualTo(11L);
        assertThat(counts).as("rows each held update changed").containsExactly(1, 0);
        assertThat(stored(id)).isEqualTo(11L);
    }

    @Test
    void writesHeldUntilTheCommitAreSentByIt() {
        String id = UUID.randomUUID().toString();
        List<Object[]> rows = List.of(new Object[] {id, 3L}, new Object[] {id + "-2", 4L});
        tx.executeWithoutResult(status -> writes.batch(INSERT, rows));
        assertThat(stored(id)).isEqualTo(3L);
        assertThat(stored(id + "-2")).isEqualTo(4L);
    }

    @Test
    void aHeldWriteThatFailsFailsTheTransactionWithItsOwnKindOfError() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            writes.update(INSERT, id, 1L);
            writes.update(INSERT, id, 2L);
        })).isInstanceOf(DuplicateKeyException.class).hasMessageContaining("held write");
        assertThat(stored(id)).as("nothing of the failed transaction").isNull();

        String other = UUID.randomUUID().toString();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            writes.update(INSERT, other, 1L);
            writes.update(INSERT, other, 2L);
            stored(other);
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(stored(other)).isNull();
    }

    @Test
    void whatACountCallbackThrowsFailsTheTransaction() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            writes.update(INSERT, id, 1L);
            writes.update(ADD, new Object[] {1L, "no-such-row"}, count -> {
                if (count != 1) {
                    throw new IllegalStateException("expected one row, changed " + count);
                }
            });
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("changed 0");
        assertThat(stored(id)).isNull();
    }

    @Test
    void aRollbackDropsWhatIsHeldAndOutsideATransactionAWriteRunsAtOnce() {
        String id = UUID.randomUUID().toString();
        tx.executeWithoutResult(status -> {
            writes.update(INSERT, id, 1L);
            status.setRollbackOnly();
        });
        assertThat(stored(id)).isNull();

        List<Integer> counts = new ArrayList<>();
        writes.update(INSERT, new Object[] {id, 7L}, counts::add);
        assertThat(counts).containsExactly(1);
        assertThat(stored(id)).isEqualTo(7L);
    }

    private interface OnHolding {
        void run(Connection holding, HoldingConnection holder) throws Exception;
    }

    /**
     * Runs {@code body} on a holding connection, in a transaction, over a pooled connection that
     * counts the statements prepared on it into {@code prepared}.
     */
    private void onHolding(AtomicInteger prepared, OnHolding body) throws Exception {
        try (Connection pooled = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getConnection()) {
            Connection holding = counting(pooled, prepared);
            holding.setAutoCommit(false);
            try {
                body.run(holding, holding.unwrap(HoldingConnection.class));
            } finally {
                holding.setAutoCommit(true);
            }
        }
    }

    /** A holding connection over a pooled one that counts the statements prepared on the pooled one. */
    private Connection counting(Connection pooled, AtomicInteger prepared) {
        Connection counting = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        prepared.incrementAndGet();
                    }
                    try {
                        return method.invoke(pooled, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getTargetException();
                    }
                });
        return HoldingConnection.wrap(counting, TestDatabase.isPostgres());
    }

    @Test
    void onPostgresHeldWritesGoInOneStatementElsewhereOneByOne() throws Exception {
        String id = UUID.randomUUID().toString();
        AtomicInteger prepared = new AtomicInteger();
        boolean together = TestDatabase.isPostgres();
        onHolding(prepared, (holding, holder) -> {
            List<Integer> counts = new ArrayList<>();
            holder.hold(INSERT, new Object[] {id, 1L}, counts::add, false);
            for (int i = 0; i < HoldingConnection.MAX_TOGETHER + 1; i++) {
                holder.hold(ADD, new Object[] {1L, id}, counts::add, false);
            }
            holding.commit();
            assertThat(counts).hasSize(HoldingConnection.MAX_TOGETHER + 2).containsOnly(1);
            assertThat(prepared.get()).as("statements prepared for %d held writes", counts.size())
                    .isEqualTo(together ? 2 : counts.size());
        });
        assertThat(stored(id)).isEqualTo(HoldingConnection.MAX_TOGETHER + 2L);
    }

    @Test
    void onPostgresAQueryGoesWithTheWritesHeldBeforeItUnlessOneHasAFollowUp() throws Exception {
        String id = UUID.randomUUID().toString();
        AtomicInteger prepared = new AtomicInteger();
        boolean together = TestDatabase.isPostgres();
        onHolding(prepared, (holding, holder) -> {
            List<Integer> counts = new ArrayList<>();
            holder.hold(INSERT, new Object[] {id, 1L}, counts::add, false);
            holder.hold(ADD, new Object[] {2L, id}, counts::add, false);
            assertThat(read(holding, id)).as("the query sees the writes held before it").isEqualTo(3L);
            assertThat(counts).as("their counts, checked before the query's rows are read").containsExactly(1, 1);
            assertThat(prepared.get()).as("statements prepared for two held writes and a query").isEqualTo(together ? 1 : 3);

            prepared.set(0);
            List<Integer> followed = new ArrayList<>();
            holder.hold(ADD, new Object[] {4L, id}, followed::add, true);
            assertThat(read(holding, id)).isEqualTo(7L);
            assertThat(followed).containsExactly(1);
            assertThat(prepared.get()).as("a write with a follow-up goes before the query, not with it").isEqualTo(2);

            holder.hold(INSERT, new Object[] {id, 9L}, null, false);
            assertThatThrownBy(() -> read(holding, id)).isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("23505"));
            holding.rollback();
        });
        assertThat(stored(id)).isNull();
    }

    private static long read(Connection connection, String id) throws java.sql.SQLException {
        try (java.sql.PreparedStatement query = connection.prepareStatement("select n from held_writes_probe where id = ?")) {
            query.setString(1, id);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getLong(1);
            }
        }
    }
}
