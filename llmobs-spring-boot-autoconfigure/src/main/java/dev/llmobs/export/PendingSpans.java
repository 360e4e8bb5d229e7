package dev.llmobs.export;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.opentelemetry.sdk.trace.ReadableSpan;

import dev.llmobs.failure.RecordingFailures;

/**
 * Ended spans waiting to be assembled into traces, so that the thread that ended a span
 * (a request thread) only appends it to a queue. A daemon thread, started with the first
 * span, hands everything queued to the assembler every {@code interval}; a reader of the
 * assembled traces {@link #drain drains} the queue first, so it never misses a span that
 * ended before it read. Spans are handed on in the order they ended, one drain at a time.
 * Bounded: a thread that finds {@value #MAX_PENDING} spans waiting drains them itself.
 */
final class PendingSpans implements AutoCloseable {

	/** Spans that may wait before the thread adding one drains them itself. */
	static final int MAX_PENDING = 4096;

	private final Queue<ReadableSpan> spans = new ConcurrentLinkedQueue<>();

	private final AtomicInteger count = new AtomicInteger();

	private final Consumer<ReadableSpan> assembler;

	private final long intervalNanos;

	private final Object draining = new Object();

	private volatile Thread drainer;

	private volatile boolean closed;

	/**
	 * Creates the queue; its thread starts with the first span.
	 * @param assembler receives each span, in the order they ended, one at a time
	 * @param interval how often the thread drains the queue
	 */
	PendingSpans(Consumer<ReadableSpan> assembler, Duration interval) {
		this.assembler = assembler;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Queues an ended span; once closed, hands it on at once.
	 * @param span the span
	 */
	void add(ReadableSpan span) {
		this.spans.add(span);
		if (this.count.incrementAndGet() > MAX_PENDING || this.closed) {
			drain();
		}
		else if (this.drainer == null) {
			startDrainer();
		}
	}

	/** Hands every queued span on, in order, on the calling thread. */
	void drain() {
		synchronized (this.draining) {
			drainLocked();
		}
	}

	private void drainLocked() {
		ReadableSpan span;
		while ((span = this.spans.poll()) != null) {
			this.count.decrementAndGet();
			try {
				this.assembler.accept(span);
			}
			catch (RuntimeException ex) {
				RecordingFailures.record("the assembly of a trace", ex);
			}
		}
	}

	int pending() {
		return this.count.get();
	}

	private synchronized void startDrainer() {
		if (this.drainer != null || this.closed) {
			return;
		}
		Thread thread = new Thread(this::drainEveryInterval, "llmobs-trace-assembly");
		thread.setDaemon(true);
		this.drainer = thread;
		thread.start();
	}

	private void drainEveryInterval() {
		while (!this.closed) {
			LockSupport.parkNanos(this, this.intervalNanos);
			drain();
		}
	}

	/** Stops the thread and drains; spans added later are handed on at once. */
	@Override
	public void close() {
		this.closed = true;
		Thread thread = this.drainer;
		if (thread != null) {
			LockSupport.unpark(thread);
		}
		drain();
	}

}
