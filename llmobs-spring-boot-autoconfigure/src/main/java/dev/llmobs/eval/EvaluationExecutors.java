package dev.llmobs.eval;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors asynchronous evaluations run on: daemon threads, a bounded queue that
 * rejects (never blocks) when full.
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
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(Math.max(1, capacity)), daemons("llmobs-eval-"),
				new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return executor;
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
