package io.appgraph.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTests {

    @Test
    void itemsThatQueueWhileABatchIsWrittenShareTheNextOneAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer, String> commits = new GroupCommit<>("test", 1, 64, 100, item -> item, batch -> {
            batches.add(batch);
            firstBatchStarted.countDown();
            await(release);
            return batch.stream().map(i -> "done " + i).toList();
        }, new SimpleMeterRegistry())) {
            ExecutorService callers = Executors.newFixedThreadPool(11);
            try {
                Future<String> first = callers.submit(() -> commits.submit(0));
                firstBatchStarted.await(10, TimeUnit.SECONDS);
                List<Future<String>> rest = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    int item = i;
                    rest.add(callers.submit(() -> commits.submit(item)));
                }
                waitFor(() -> commits.waiting() == 10);
                release.countDown();

                assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done 0");
                for (int i = 1; i <= 10; i++) {
                    assertThat(rest.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("done " + i);
                }
            }
            finally {
                callers.shutdownNow();
            }
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aBatchThatFailsIsWrittenItemByItemSoOnlyTheFailingItemsCallerSeesTheFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer, Integer> commits = new GroupCommit<>("test", 1, 64, 100, item -> item, batch -> {
            batches.add(batch);
            await(release);
            if (batch.contains(13)) {
                throw new IllegalArgumentException("13 is unlucky");
            }
            return batch;
        }, new SimpleMeterRegistry())) {
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                Future<Integer> blocker = callers.submit(() -> commits.submit(1));
                waitFor(() -> !batches.isEmpty());
                Future<Integer> unlucky = callers.submit(() -> commits.submit(13));
                Future<Integer> lucky = callers.submit(() -> commits.submit(14));
                waitFor(() -> commits.waiting() == 2);
                release.countDown();

                assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo(1);
                assertThat(lucky.get(10, TimeUnit.SECONDS)).isEqualTo(14);
                assertThatThrownBy(() -> unlucky.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("13 is unlucky");
            }
            finally {
                callers.shutdownNow();
            }
        }
        assertThat(batches).contains(List.of(13), List.of(14));
    }

    @Test
    void itemsWithTheSameKeyGoInSuccessiveBatchesInTheOrderTheyWereTaken() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", 1, 64, 100, item -> item.charAt(0),
                batch -> {
                    batches.add(batch);
                    firstBatchStarted.countDown();
                    await(release);
                    return batch;
                }, new SimpleMeterRegistry())) {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> results = new ArrayList<>();
                results.add(callers.submit(() -> commits.submit("x0")));
                firstBatchStarted.await(10, TimeUnit.SECONDS);
                results.add(callers.submit(() -> commits.submit("a1")));
                waitFor(() -> commits.waiting() == 1);
                results.add(callers.submit(() -> commits.submit("b1")));
                waitFor(() -> commits.waiting() == 2);
                results.add(callers.submit(() -> commits.submit("a2")));
                waitFor(() -> commits.waiting() == 3);
                release.countDown();
                for (Future<String> result : results) {
                    result.get(10, TimeUnit.SECONDS);
                }
            }
            finally {
                callers.shutdownNow();
            }
        }
        assertThat(batches).containsExactly(List.of("x0"), List.of("a1", "b1"), List.of("a2"));
    }

    @Test
    void aSubmitBeyondTheQueuesCapacityIsRefusedAsBusy() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer, Integer> commits = new GroupCommit<>("events", 1, 1, 1, item -> item, batch -> {
            started.countDown();
            await(release);
            return batch;
        }, new SimpleMeterRegistry())) {
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> writing = callers.submit(() -> commits.submit(1));
                started.await(10, TimeUnit.SECONDS);
                Future<Integer> waiting = callers.submit(() -> commits.submit(2));
                waitFor(() -> commits.waiting() == 1);

                assertThatThrownBy(() -> commits.submit(3)).isInstanceOf(BusyException.class)
                    .hasMessageContaining("events")
                    .hasMessageContaining("retry");
                release.countDown();
                assertThat(writing.get(10, TimeUnit.SECONDS)).isEqualTo(1);
                assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            }
            finally {
                callers.shutdownNow();
            }
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
