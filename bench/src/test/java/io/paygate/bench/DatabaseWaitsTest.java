package io.paygate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseWaitsTest {

    /** The sites are counted in this class only; {@link Wire} and the test methods are outside it. */
    private static final String PREFIX = "io.paygate.bench.DatabaseWaitsTest$Service";

    /** A stand-in for a database: answers each one-byte request, holding it first for as many milliseconds as it says. */
    private static final class Database implements AutoCloseable {

        private final ServerSocket listener;

        Database() throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    Thread.ofPlatform().daemon().start(() -> answer(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void answer(Socket connection) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                connection.setTcpNoDelay(true);
                for (int request = in.read(); request >= 0; request = in.read()) {
                    Thread.sleep(request); // the statement's own time, so that the sites' waits differ by design
                    out.write(request);
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                // the client closed the connection
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** A client connection: one round trip is a one-byte request and a one-byte read of the answer. */
    private static final class Wire implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Wire(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** One round trip, answered after {@code millis}; returns the line of the caller that made it. */
        int roundTrip(int millis) {
            try {
                out.write(millis);
                out.flush();
                assertThat(in.read()).isEqualTo(millis);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The code whose waits are attributed: two call sites, as a server's repository would have. */
    private static final class Service {

        static int loadIntent(Wire database, int times) {
            int line = 0;
            for (int i = 0; i < times; i++) {
                line = database.roundTrip(5);
            }
            return line;
        }

        static int confirm(Wire database, int times) {
            int line = 0;
            for (int i = 0; i < times; i++) {
                line = database.roundTrip(30);
            }
            return line;
        }
    }

    @Test
    void readsOnTheDatabasePortAreSummedPerCallSiteInTheServersCode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("waits.jfr");
        int port;
        int otherPort;
        int[] lines = new int[2];
        try (Recording recording = new Recording(); Database database = new Database(); Database other = new Database();
             Wire wire = new Wire(database.port()); Wire otherWire = new Wire(other.port())) {
            wire.roundTrip(0);                                      // before the recording: the connection warmed up
            recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            port = database.port();
            otherPort = other.port();
            // Two threads, both alive when the recording stops: JFR writes each thread's buffer as a whole, so the
            // file's order need not be the reads' (on JDK 25 the later thread's reads come first).
            CountDownLatch firstDone = new CountDownLatch(1);
            CountDownLatch recorded = new CountDownLatch(1);
            CountDownLatch lateDone = new CountDownLatch(1);
            Thread early = Thread.ofPlatform().start(() -> {
                wire.roundTrip(0);                                  // no frame of the prefix: (other)
                firstDone.countDown();
                awaitOrGiveUp(recorded);
            });
            assertThat(firstDone.await(10, TimeUnit.SECONDS)).isTrue();
            Thread late = Thread.ofPlatform().start(() -> {
                lines[0] = Service.loadIntent(wire, 5);             // 5 short waits
                Service.loadIntent(otherWire, 1);                   // the same site, another port: not counted
                lines[1] = Service.confirm(wire, 3);                // 3 long waits, more in all than the 5 short ones
                lateDone.countDown();
                awaitOrGiveUp(recorded);
            });
            assertThat(lateDone.await(10, TimeUnit.SECONDS)).isTrue();
            recording.stop();
            recorded.countDown();
            assertThat(late.join(Duration.ofSeconds(10))).isTrue();
            assertThat(early.join(Duration.ofSeconds(10))).isTrue();
            recording.dump(file);
        }
        String load = "DatabaseWaitsTest$Service.loadIntent:" + lines[0];
        String confirm = "DatabaseWaitsTest$Service.confirm:" + lines[1];

        List<DatabaseWaits.Site> sites = DatabaseWaits.summarize(file, port, PREFIX, 0);
        assertThat(sites).extracting(DatabaseWaits.Site::site).containsExactly(confirm, load, DatabaseWaits.OTHER);
        assertThat(sites).extracting(DatabaseWaits.Site::reads).containsExactly(3L, 5L, 1L);
        DatabaseWaits.Site slow = sites.getFirst();
        assertThat(slow.meanMs()).isCloseTo(slow.totalMs() / 3, offset(1e-9));
        assertThat(slow.p50Ms()).isGreaterThan(20).isLessThanOrEqualTo(slow.p90Ms());
        assertThat(sites.get(1).totalMs()).isGreaterThan(0).isLessThan(slow.totalMs());

        // The read on the other port is in the recording, and it is the only one there from the client.
        assertThat(DatabaseWaits.summarize(file, otherPort, PREFIX, 0))
                .extracting(DatabaseWaits.Site::site, DatabaseWaits.Site::reads)
                .containsExactly(tuple(load, 1L));

        // Half of the nine reads is four and a half: the earliest four go, (other) and three of the short ones.
        assertThat(DatabaseWaits.summarize(file, port, PREFIX, 0.5))
                .extracting(DatabaseWaits.Site::site, DatabaseWaits.Site::reads)
                .containsExactly(tuple(confirm, 3L), tuple(load, 2L));

        // A time window: from the start of the late thread's first read, the (other) read made before it is left out.
        Instant lateStart;
        try (RecordingFile events = new RecordingFile(file)) {
            Instant first = null;
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                if (event.getEventType().getName().equals("jdk.SocketRead") && event.getInt("port") == port
                        && DatabaseWaits.site(event.getStackTrace(), PREFIX).equals(load)
                        && (first == null || event.getStartTime().isBefore(first))) {
                    first = event.getStartTime();
                }
            }
            lateStart = first;
        }
        assertThat(DatabaseWaits.summarize(file, port, PREFIX, 0, lateStart, null))
                .extracting(DatabaseWaits.Site::site, DatabaseWaits.Site::reads)
                .containsExactly(tuple(confirm, 3L), tuple(load, 5L));
        assertThat(DatabaseWaits.summarize(file, port, PREFIX, 0, null, lateStart))
                .extracting(DatabaseWaits.Site::site, DatabaseWaits.Site::reads)
                .containsExactly(tuple(DatabaseWaits.OTHER, 1L));

        // With the whole bench package, the first frame of it from the top is the wire's, for all nine reads.
        assertThat(DatabaseWaits.summarize(file, port, "io.paygate.bench.", 0)).singleElement().satisfies(site -> {
            assertThat(site.site()).matches("DatabaseWaitsTest\\$Wire\\.roundTrip:[1-9][0-9]*");
            assertThat(site.reads()).isEqualTo(9);
        });

        String table = DatabaseWaits.table(sites, 2);
        DatabaseWaits.run(new Options("--recording=" + file, "--port=" + port, "--package=" + PREFIX, "--per=2"));
        assertThat(table.lines().toList()).hasSize(5);
        assertThat(table.lines().toList().getLast()).startsWith("total").contains(" 9 ").contains(" 4.50 ");
    }

    private static void awaitOrGiveUp(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theRecordingIsRequired() {
        assertThatThrownBy(() -> DatabaseWaits.run(new Options("--port=5432")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--recording");
    }
}
