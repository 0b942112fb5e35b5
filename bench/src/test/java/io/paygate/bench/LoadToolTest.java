package io.paygate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class LoadToolTest {

    private final LoadGenerator load = new LoadGenerator(new CpuMeter(-1));

    private static Outcome work(long millis) {
        LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
        return Outcome.OK;
    }

    @Test
    void openLoopStartsOperationsAtTheOfferedRate() {
        Window window = load.openLoop(() -> work(20), 200, Duration.ofSeconds(1));
        assertThat(window.completed()).isEqualTo(200);
        assertThat(window.errors()).isZero();
        assertThat(window.percentileMs(50)).isGreaterThanOrEqualTo(20);
        assertThat(window.maxInFlight()).isBetween(2L, 40L);
        assertThat(window.offeredRate()).isEqualTo(200);
    }

    @Test
    void overheadIsTheLatencyLessTheShareTheAnswerReportedAsTheProcessors() {
        Window window = load.closedLoop(() -> {
            LockSupport.parkNanos(Duration.ofMillis(30).toNanos());
            return Outcome.ok(Duration.ofMillis(25).toNanos() / 1000);
        }, 2, Duration.ofMillis(500));
        assertThat(window.percentileMs(50)).isGreaterThanOrEqualTo(30);
        // 30 ms of latency of which 25 ms reported as the processor's: the rest, some 5 ms, is overhead.
        assertThat(window.overheadPercentileMs(50)).isGreaterThanOrEqualTo(5).isLessThan(window.percentileMs(50) - 20);
        Window unreported = load.closedLoop(() -> work(1), 1, Duration.ofMillis(100));
        assertThat(unreported.overheadPercentileMs(99)).isEqualTo(-1);
    }

    @Test
    void aReplayPicksItsOwnLedgerSliceAsTheServerDoes() {
        assertThat(SqlReplay.isSliceUpdate("""
                update ledger_balance_slices set debits_posted = debits_posted + ?, credits_posted = credits_posted + ?,
                    debits_pending = debits_pending + ?, credits_pending = credits_pending + ?
                where account_id = ? and slice = ?""")).isTrue();
        assertThat(SqlReplay.isSliceUpdate("insert into ledger_balance_slices (account_id, slice) values (?, ?)")).isFalse();
        assertThat(SqlReplay.isSliceUpdate("update ledger_accounts set debits_posted = debits_posted + ? where id = ?")).isFalse();
    }

    @Test
    void theProcessorsShareIsReadFromServerTiming() {
        assertThat(PaygateTarget.processorMicros("processor;dur=203.4;desc=\"1 call\"")).isEqualTo(203_400);
        assertThat(PaygateTarget.processorMicros("db;dur=2, processor;dur=0.5")).isEqualTo(500);
        assertThat(PaygateTarget.processorMicros("db;dur=2")).isEqualTo(-1);
        assertThat(PaygateTarget.processorMicros(null)).isEqualTo(-1);
    }

    @Test
    void openLoopLatencyIncludesQueueingBehindAStall() {
        ReentrantLock system = new ReentrantLock();
        long[] calls = {0};
        Window window = load.openLoop(() -> {
            system.lock();
            try {
                return work(calls[0]++ == 0 ? 500 : 1);
            } finally {
                system.unlock();
            }
        }, 100, Duration.ofSeconds(1));
        // About 50 of the 100 operations were due during the 500 ms stall and waited for it; measured from
        // their due time (not from when a worker got round to them), some 40 of them waited more than 100 ms.
        assertThat(window.percentileMs(70)).isGreaterThan(100);
        assertThat(window.maxMs()).isGreaterThanOrEqualTo(490);
    }

    @Test
    void theTimelineShowsWhichSecondsHeldTheSlowOperations() {
        long[] calls = {0};
        // 3 s at 50/s: the operations due in the middle second take 100 ms, the others return at once
        // (on a busy machine one of those may still wait 10 ms or more to be scheduled, never 100).
        Window window = load.openLoop(() -> {
            long n;
            synchronized (calls) {
                n = calls[0]++;
            }
            return work(n >= 50 && n < 100 ? 100 : 0);
        }, 50, Duration.ofSeconds(3));
        assertThat(window.timeline()).hasSize(3);
        assertThat(window.timeline()).extracting(Window.Second::completed).containsExactly(50L, 50L, 50L);
        assertThat(window.timeline().get(1).over10ms()).isEqualTo(50L);
        assertThat(window.timeline().get(0).over10ms()).isLessThan(25L);
        assertThat(window.timeline().get(2).over10ms()).isLessThan(25L);
        assertThat(window.timeline().get(1).longestMs()).isGreaterThanOrEqualTo(100);
        assertThat(window.timeline().get(0).longestMs()).isLessThan(100);
        assertThat(window.timeline().get(2).longestMs()).isLessThan(100);
        assertThat(window.timeline().get(1).startedAtMs() - window.timeline().get(0).startedAtMs()).isEqualTo(1000);
        assertThat(window.slowSeconds()).isBetween(1L, 3L);
        assertThat(window.toMap()).containsEntry("seconds_with_an_operation_over_10ms", window.slowSeconds());
    }

    @Test
    void closedLoopKeepsTheWorkersBusy() {
        Window window = load.closedLoop(() -> work(10), 4, Duration.ofSeconds(1));
        assertThat(window.completed()).isBetween(200L, 420L);
        assertThat(window.maxInFlight()).isEqualTo(4);
        assertThat(window.throughput()).isBetween(200.0, 420.0);
    }

    @Test
    void errorsAreCountedByTypeAndKeptOutOfLatencies() {
        long[] n = {0};
        Window window = load.closedLoop(() -> {
            long i;
            synchronized (n) {
                i = n[0]++;
            }
            if (i % 2 == 0) {
                return Outcome.error("HTTP 503");
            }
            if (i % 3 == 0) {
                throw new IllegalStateException("boom");
            }
            return work(1);
        }, 2, Duration.ofMillis(300));
        assertThat(window.errorsByType()).containsKeys("HTTP 503", "IllegalStateException");
        assertThat(window.errors()).isEqualTo(window.errorsByType().values().stream().mapToLong(Long::longValue).sum());
        assertThat(window.latencyMicros().getTotalCount()).isEqualTo(window.completed());
    }

    @Test
    void seriesReportMediansAndSpread() {
        // Far apart, so that a busy machine's late wake-ups cannot reorder them.
        Window fast = load.closedLoop(() -> work(2), 1, Duration.ofMillis(400));
        Window slow = load.closedLoop(() -> work(24), 1, Duration.ofMillis(400));
        Window mid = load.closedLoop(() -> work(8), 1, Duration.ofMillis(400));
        Series series = new Series("x", List.of(fast, slow, mid));
        assertThat(series.median(Window::throughput)).isEqualTo(mid.throughput());
        assertThat(series.min(Window::throughput)).isEqualTo(slow.throughput());
        assertThat(series.max(Window::throughput)).isEqualTo(fast.throughput());
        assertThat(series.toMap()).containsKeys("median_throughput_per_s", "median_p99_ms", "repetitions");
    }

    @Test
    void optionsParseDurationsAndFlags() {
        Options options = new Options("--window=20s", "--warmup=500ms", "--long=2m", "--iso=PT1H", "--flag", "--rate=12.5");
        assertThat(options.duration("window", null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.duration("warmup", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(options.duration("long", null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.duration("iso", null)).isEqualTo(Duration.ofHours(1));
        assertThat(options.flag("flag")).isTrue();
        assertThat(options.number("rate", 0)).isEqualTo(12.5);
        assertThat(options.integer("missing", 7)).isEqualTo(7);
        assertThatThrownBy(() -> new Options("window=1s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuTicksAreReadAfterTheCommandName() {
        String stat = "1234 (java (weird) name) S 1 1234 1234 0 -1 4194560 5000 0 0 0 250 75 0 0 20 0 30 0 100 0 0";
        assertThat(CpuMeter.ticks(stat)).isEqualTo(325);
        CpuMeter.Sample own = new CpuMeter(ProcessHandle.current().pid()).sample();
        assertThat(own.benchSeconds()).isPositive();
        assertThat(own.serverSeconds()).isPositive();
    }

    @Test
    void heapIsSummedOverTheHeapPools() {
        String metrics = """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                """;
        assertThat(HeapSampler.usedHeap(metrics)).isEqualTo(10_485_760L + 2_097_152L);
    }

    @Test
    void theWebhookSinkRecognisesSucceededIntents() {
        String event = "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"x\",\"created\":1,\"data\":{\"object\":"
                + "{\"id\":\"pi_0mwvxq1le19oqv67g90zq3gh\",\"object\":\"payment_intent\"}},\"type\":\"payment_intent.succeeded\"}";
        assertThat(WebhookSink.succeededIntent(event)).isEqualTo("pi_0mwvxq1le19oqv67g90zq3gh");
        assertThat(WebhookSink.succeededIntent(event.replace("payment_intent.succeeded", "charge.succeeded"))).isNull();
    }

    @Test
    void theWebhookSinkAnswersRequestsKeptAliveChunkedAndPipelinedAndMeasuresTheLag() throws Exception {
        String succeeded = "{\"id\":\"evt_1\",\"data\":{\"object\":{\"id\":\"pi_0mwvxq1le19oqv67g90zq3gh\"}},"
                + "\"type\":\"payment_intent.succeeded\"}";
        try (WebhookSink sink = new WebhookSink();
             java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                     .version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            java.net.URI url = java.net.URI.create(sink.url());
            sink.answered("pi_0mwvxq1le19oqv67g90zq3gh");
            java.net.http.HttpRequest.Builder post = java.net.http.HttpRequest.newBuilder(url).header("Content-Type", "application/json");
            // Three on one kept-alive connection, by length; one chunked (a body of unknown length); one expecting 100-continue.
            for (String body : List.of(succeeded, "{\"type\":\"charge.succeeded\"}", "{}")) {
                assertThat(client.send(post.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            java.net.http.HttpResponse<String> chunked = client.send(post.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream("{\"x\":1}".getBytes()))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(200);
            assertThat(client.send(post.expectContinue(true).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(sink.received()).isEqualTo(5);
            assertThat(sink.lag().getTotalCount()).isEqualTo(1);

            // Two requests written at once, the second asking to close: two answers, then the end of the stream.
            try (java.net.Socket raw = new java.net.Socket(url.getHost(), url.getPort())) {
                raw.getOutputStream().write(("POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
                        + "POST /webhooks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "2;ext=1\r\n{}\r\n0\r\nTrailer: t\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answers = new String(raw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
                assertThat(answers).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".repeat(2));
            }
            assertThat(sink.received()).isEqualTo(7);

            // What is not an HTTP/1.x request is refused and its connection closed.
            try (java.net.Socket raw = new java.net.Socket(url.getHost(), url.getPort())) {
                raw.getOutputStream().write("HELLO\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(new String(raw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                        .startsWith("HTTP/1.1 400 ");
            }
            assertThat(sink.received()).isEqualTo(7);
        }
    }

    @Test
    void theReplayRenamesOnlyWhatTheCheckoutCreated() {
        List<SqlReplay.Step> steps = List.of(
                new SqlReplay.Step("begin", "c1", null, List.of()),
                new SqlReplay.Step("statement", "c1", "insert into payment_intents (id, merchant_id, client_secret) values (?, ?, ?)",
                        List.of("pi_0mwvxq1le19oqv67g90zq3gh", "acct_0mwvww0ur3oq80jsbhycdpjj", "pi_0mwvxq1le19oqv67g90zq3gh_secret_abc")),
                new SqlReplay.Step("statement", "c1", "update ledger_accounts set credits_posted = credits_posted + ? where id = ?",
                        List.of(100L, "la_0mwvww0ur3oq80jsbhycdpjk")),
                new SqlReplay.Step("commit", "c1", null, List.of()));
        SqlReplay replay = new SqlReplay(steps);
        assertThat(replay.createdIds()).containsExactly("pi_0mwvxq1le19oqv67g90zq3gh");
        assertThat(replay.statementCount()).isEqualTo(2);
        assertThat(replay.transactionCount()).isEqualTo(1);
        Map<String, String> renamed = new java.util.HashMap<>();
        String secret = replay.rename("pi_0mwvxq1le19oqv67g90zq3gh_secret_abc", renamed);
        String id = replay.rename("pi_0mwvxq1le19oqv67g90zq3gh", renamed);
        assertThat(id).startsWith("pi_").hasSize(27).isNotEqualTo("pi_0mwvxq1le19oqv67g90zq3gh");
        assertThat(secret).isEqualTo(id + "_secret_abc");
        assertThat(replay.rename("la_0mwvww0ur3oq80jsbhycdpjk", renamed)).isEqualTo("la_0mwvww0ur3oq80jsbhycdpjk");
        String key = replay.rename("8b0c2f1e-3c6a-4b8e-9d1f-2a3b4c5d6e7f", renamed);
        assertThat(key).isNotEqualTo("8b0c2f1e-3c6a-4b8e-9d1f-2a3b4c5d6e7f").hasSize(36);
        assertThat(replay.rename("8b0c2f1e-3c6a-4b8e-9d1f-2a3b4c5d6e7f", renamed)).isEqualTo(key);
        assertThat(replay.tablesWritten()).containsExactlyInAnyOrder("payment_intents", "ledger_accounts");
    }

    @Test
    void theRowsOfOneBatchAreOneRoundTrip() {
        String posting = "insert into postings (entry_id, seq, account_id, currency, debit, credit) values (?, ?, ?, ?, ?, ?)";
        List<SqlReplay.Step> steps = List.of(
                new SqlReplay.Step("statement", "c0", "insert into idempotency_keys (k) values (?)", List.of("k")),
                new SqlReplay.Step("begin", "c1", null, List.of()),
                new SqlReplay.Step("batch", "c1", posting, List.of("je_1", 0L, "la_1", "usd", 100L, 0L)),
                new SqlReplay.Step("batch", "c1", posting, List.of("je_1", 1L, "la_2", "usd", 0L, 100L)),
                new SqlReplay.Step("batch", "c1", "insert into events (id) values (?)", List.of("evt_1")),
                new SqlReplay.Step("statement", "c1", "update charges set fee = ? where id = ?", List.of(59L, "ch_1")),
                new SqlReplay.Step("commit", "c1", null, List.of()));
        SqlReplay replay = new SqlReplay(steps);
        assertThat(replay.statementCount()).isEqualTo(5);
        // the autocommitted insert, the postings' batch, the events' batch, the update and the commit
        assertThat(replay.roundTrips()).isEqualTo(5);
        assertThat(replay.transactionCount()).isEqualTo(1);
    }

    @Test
    void heldWritesOfOneConnectionAreOneRoundTripAndEachKeepsItsCreatedId() {
        List<SqlReplay.Step> steps = new java.util.ArrayList<>(List.of(
                new SqlReplay.Step("begin", "c1", null, List.of()),
                new SqlReplay.Step("statement", "c1", "select id from charges where id = ? for update", List.of("ch_x")),
                new SqlReplay.Step("held", "c1", "insert into charges (id, amount) values (?, ?)",
                        List.of("ch_0mwvxq1le19oqv67g90zq3gh", 100L)),
                new SqlReplay.Step("held", "c1", "insert into payment_intents (id, amount) values (?, ?)",
                        List.of("pi_0mwvxq1le19oqv67g90zq3gi", 100L)),
                new SqlReplay.Step("held", "c1", "update ledger_balance_slices set debits_posted = debits_posted + ? "
                        + "where account_id = ? and slice = ?", List.of(100L, "la_1", 7L)),
                new SqlReplay.Step("held", "c2", "insert into events (id) values (?)", List.of("evt_0mwvxq1le19oqv67g90zq3gj")),
                new SqlReplay.Step("commit", "c1", null, List.of())));
        for (int i = 0; i < SqlReplay.MAX_HELD_TOGETHER + 1; i++) {
            steps.add(steps.size() - 1, new SqlReplay.Step("held", "c1", "update charges set amount = ? where id = ?",
                    List.of(1L, "ch_0mwvxq1le19oqv67g90zq3gh")));
        }
        SqlReplay replay = new SqlReplay(steps);
        assertThat(replay.createdIds()).containsExactlyInAnyOrder("ch_0mwvxq1le19oqv67g90zq3gh", "pi_0mwvxq1le19oqv67g90zq3gi",
                "evt_0mwvxq1le19oqv67g90zq3gj");
        assertThat(replay.statementCount()).isEqualTo(5 + SqlReplay.MAX_HELD_TOGETHER + 1);
        // the select; c1's three held writes; c2's one; c1's next 65 held writes in two trips; the commit
        assertThat(replay.roundTrips()).isEqualTo(6);
        assertThat(SqlReplay.isSliceUpdate(steps.get(4).sql())).isTrue();
    }

    @Test
    void replayMovesCapturedTimesToNowAndLeavesOtherNumbers() {
        long captured = 1_795_000_000_000L;
        SqlReplay replay = new SqlReplay(List.of(), captured);
        long now = captured + 3_600_000L;
        assertThat(replay.shiftTime(captured + 40_000, now)).isEqualTo(now + 40_000);
        assertThat(replay.shiftTime(captured / 1000, now)).isEqualTo(now / 1000);
        assertThat(replay.shiftTime(1999, now)).isEqualTo(1999);
        assertThat(replay.shiftTime(captured + 30L * 86_400_000L, now)).isEqualTo(captured + 30L * 86_400_000L);
    }
}
