package dev.llmobs.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.llmobs.failure.RecordingFailures;

/**
 * The bounded queue asynchronous evaluations wait in, and the daemon threads that run
 * them, built so that handing a task over costs the submitting (request) thread no
 * wake-up. A worker that finds the queue empty looks again after a short pause
 * ({@code pollInterval}) instead of waiting to be signalled; only a worker that has found
 * nothing for {@code idleBeforeSleep} (a quiet application) goes to sleep, and the next
 * task wakes it. Under load, request threads only append to the queue, and a worker takes
 * everything queued at once. A full queue rejects, never blocks.
 * <p>
 * An evaluation waits at most {@code pollInterval} longer than it would with a signalling
 * queue, which tail sampling's grace period covers.
 */
public final class EvaluationQueue extends AbstractExecutorService {

	/** The pause of a worker that found the queue empty. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	/** How long a worker finds nothing before it sleeps until woken. */
	static final Duration IDLE_BEFORE_SLEEP = Duration.ofMillis(500);

	private final BlockingQueue<Runnable> tasks;

	private final Worker[] workers;

	private final String threadNamePrefix;

	private final long pollIntervalNanos;

	private final long idleBeforeSleepNanos;

	private final LongAdder wakeUps = new LongAdder();

	private volatile boolean started;

	private volatile boolean shutdown;

	/**
	 * Creates a queue whose threads start with the first task.
	 * @param threads the worker threads
	 * @param capacity the tasks that may wait
	 * @param threadNamePrefix the prefix of the threads' names
	 */
	public EvaluationQueue(int threads, int capacity, String threadNamePrefix) {
		this(threads, capacity, threadNamePrefix, POLL_INTERVAL, IDLE_BEFORE_SLEEP);
	}

	EvaluationQueue(int threads, int capacity, String threadNamePrefix, Duration pollInterval,
			Duration idleBeforeSleep) {
		this.tasks = new ArrayBlockingQueue<>(Math.max(1, capacity));
		this.workers = new Worker[Math.max(1, threads)];
		this.threadNamePrefix = threadNamePrefix;
		this.pollIntervalNanos = pollInterval.toNanos();
		this.idleBeforeSleepNanos = idleBeforeSleep.toNanos();
	}

	@Override
	public void execute(Runnable task) {
		if (this.shutdown || !this.tasks.offer(task)) {
			throw new RejectedExecutionException("the evaluation queue is " + (this.shutdown ? "shut down" : "full"));
		}
		if (!this.started) {
			start();
		}
		// the queue's lock orders this read after a worker's announcement that it sleeps
		Worker sleeper = sleepingWorker();
		if (sleeper != null) {
			this.wakeUps.increment();
			LockSupport.unpark(sleeper.thread);
		}
	}

	private Worker sleepingWorker() {
		for (Worker worker : this.workers) {
			if (worker.sleeping) {
				return worker;
			}
		}
		return null;
	}

	private synchronized void start() {
		if (this.started) {
			return;
		}
		for (int i = 0; i < this.workers.length; i++) {
			Worker worker = new Worker();
			Thread thread = new Thread(worker, this.threadNamePrefix + (i + 1));
			thread.setDaemon(true);
			worker.thread = thread;
			this.workers[i] = worker;
		}
		this.started = true;
		for (Worker worker : this.workers) {
			worker.thread.start();
		}
	}

	/**
	 * How often a submitted task had to wake a sleeping worker.
	 * @return the count
	 */
	long wakeUps() {
		return this.wakeUps.sum();
	}

	/**
	 * Whether a worker sleeps until the next task wakes it.
	 * @return whether one does
	 */
	boolean anyWorkerSleeping() {
		return this.started && sleepingWorker() != null;
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
		if (this.started) {
			for (Worker worker : this.workers) {
				LockSupport.unpark(worker.thread);
			}
		}
	}

	@Override
	public List<Runnable> shutdownNow() {
		shutdown();
		List<Runnable> left = new ArrayList<>();
		this.tasks.drainTo(left);
		return left;
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		if (!this.shutdown) {
			return false;
		}
		if (!this.started) {
			return true;
		}
		for (Worker worker : this.workers) {
			if (worker.thread.isAlive()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		if (this.started) {
			for (Worker worker : this.workers) {
				long left = deadline - System.nanoTime();
				if (left > 0) {
					TimeUnit.NANOSECONDS.timedJoin(worker.thread, left);
				}
			}
		}
		return isTerminated();
	}

	private final class Worker implements Runnable {

		private Thread thread;

		private volatile boolean sleeping;

		@Override
		public void run() {
			EvaluationQueue queue = EvaluationQueue.this;
			long idleSince = System.nanoTime();
			while (true) {
				Runnable task = queue.tasks.poll();
				if (task != null) {
					runSafely(task);
					idleSince = System.nanoTime();
					continue;
				}
				if (queue.shutdown) {
					return;
				}
				long idle = System.nanoTime() - idleSince;
				if (idle < queue.idleBeforeSleepNanos) {
					LockSupport.parkNanos(queue, Math.min(queue.pollIntervalNanos, queue.idleBeforeSleepNanos - idle));
					continue;
				}
				this.sleeping = true;
				// a task queued before the announcement was seen is taken now; one queued
				// after it finds the worker sleeping and wakes it
				if (queue.tasks.isEmpty() && !queue.shutdown) {
					LockSupport.park(queue);
				}
				this.sleeping = false;
				idleSince = System.nanoTime();
			}
		}

		private void runSafely(Runnable task) {
			try {
				task.run();
			}
			catch (Throwable ex) {
				// whatever one task throws, the worker stays to run the next
				RecordingFailures.record("an asynchronous evaluation", ex);
			}
		}

	}

}
