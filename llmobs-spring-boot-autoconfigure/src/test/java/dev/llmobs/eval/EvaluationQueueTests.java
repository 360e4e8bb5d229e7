package dev.llmobs.eval;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmobs.failure.RecordingFailures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EvaluationQueueTests {

	private EvaluationQueue queue;

	@AfterEach
	void shutDown() throws InterruptedException {
		if (this.queue != null) {
			this.queue.shutdownNow();
			assertThat(this.queue.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void runsEveryTaskOnItsOwnNamedDaemonThread() throws InterruptedException {
		this.queue = new EvaluationQueue(2, 100, "test-eval-");
		int tasks = 50;
		CountDownLatch done = new CountDownLatch(tasks);
		AtomicInteger foreign = new AtomicInteger();
		for (int i = 0; i < tasks; i++) {
			this.queue.execute(() -> {
				Thread thread = Thread.currentThread();
				if (!thread.getName().startsWith("test-eval-") || !thread.isDaemon()) {
					foreign.incrementAndGet();
				}
				done.countDown();
			});
		}
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(foreign).hasValue(0);
	}

	@Test
	void submittingWhileTheWorkerIsPollingWakesNothing() throws InterruptedException {
		// an idle period far longer than the test: the worker keeps polling, never sleeps
		this.queue = new EvaluationQueue(1, 1000, "test-eval-", Duration.ofMillis(1), Duration.ofMinutes(5));
		CountDownLatch first = new CountDownLatch(1);
		this.queue.execute(first::countDown);
		assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
		int tasks = 500;
		CountDownLatch done = new CountDownLatch(tasks);
		for (int i = 0; i < tasks; i++) {
			this.queue.execute(done::countDown);
		}
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.queue.wakeUps()).isZero();
	}

	@Test
	void aSleepingWorkerIsWokenByTheNextTask() throws InterruptedException {
		// polls every minute, sleeps after 1 ms idle: only a wake-up runs the second task
		// within the test's wait
		this.queue = new EvaluationQueue(1, 10, "test-eval-", Duration.ofMinutes(1), Duration.ofMillis(1));
		CountDownLatch first = new CountDownLatch(1);
		this.queue.execute(first::countDown);
		assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(this.queue::anyWorkerSleeping);
		CountDownLatch second = new CountDownLatch(1);
		this.queue.execute(second::countDown);
		assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
		// at most one: a worker that woke spuriously just then takes the task itself
		assertThat(this.queue.wakeUps()).isLessThanOrEqualTo(1);
	}

	@Test
	void aFullQueueRejectsAtOnceInsteadOfBlocking() throws InterruptedException {
		this.queue = new EvaluationQueue(1, 2, "test-eval-");
		CountDownLatch release = occupyTheWorker();
		this.queue.execute(() -> {
		});
		this.queue.execute(() -> {
		});
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.queue.execute(() -> {
		})).withMessageContaining("full");
		release.countDown();
	}

	@Test
	void aThrowingTaskIsRecordedAndTheWorkerRunsTheNext() throws InterruptedException {
		this.queue = new EvaluationQueue(1, 10, "test-eval-");
		long failuresBefore = RecordingFailures.count();
		this.queue.execute(() -> {
			throw new IllegalStateException("evaluator bug");
		});
		this.queue.execute(() -> {
			throw new StackOverflowError();
		});
		CountDownLatch next = new CountDownLatch(1);
		this.queue.execute(next::countDown);
		assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(RecordingFailures.count() - failuresBefore).isEqualTo(2);
	}

	@Test
	void shutdownRejectsNewTasksAndEndsTheWorkers() throws InterruptedException {
		this.queue = new EvaluationQueue(2, 10, "test-eval-");
		CountDownLatch ran = new CountDownLatch(1);
		this.queue.execute(ran::countDown);
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		this.queue.shutdown();
		assertThat(this.queue.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.queue.isTerminated()).isTrue();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.queue.execute(() -> {
		})).withMessageContaining("shut down");
	}

	@Test
	void shutdownNowReturnsTheTasksNotStarted() throws InterruptedException {
		this.queue = new EvaluationQueue(1, 10, "test-eval-");
		CountDownLatch release = occupyTheWorker();
		Runnable waiting = () -> {
		};
		this.queue.execute(waiting);
		List<Runnable> left = this.queue.shutdownNow();
		release.countDown();
		assertThat(left).containsExactly(waiting);
	}

	/**
	 * Gives the single worker a task that runs until the returned latch is counted down.
	 */
	private CountDownLatch occupyTheWorker() throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.queue.execute(() -> {
			running.countDown();
			awaitQuietly(release);
		});
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
		return release;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
