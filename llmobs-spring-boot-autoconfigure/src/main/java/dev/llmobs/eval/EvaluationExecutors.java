package dev.llmobs.eval;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors asynchronous evaluations run on: daemon threads, a bounded queue that
 * rejects (never blocks) when full and that submitting threads never have to wake while
 * the application is busy ({@link EvaluationQueue}).
 */
public final class EvaluationExecutors {

	private EvaluationExecutors() {
	}

	/**
	 * The bounded queue of evaluation tasks.
	 * @param threads the threads
	 * @param capacity the queue capacity
	 * @return the executor
	 */
	public static ExecutorService queue(int threads, int capacity) {
		return new EvaluationQueue(threads, capacity, "llmobs-eval-");
	}

	/**
	 * The threads each evaluator runs on, so it can be timed out.
	 * @param threads the threads
	 * @return the executor
	 */
	public static ExecutorService workers(int threads) {
		return Executors.newFixedThreadPool(threads, daemons("llmobs-evaluator-"));
	}

	private static ThreadFactory daemons(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
