package dev.llmobs.failure;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where failures of the instrumentation itself go: counted, logged at warn the first time
 * and at debug afterwards, and never propagated to the application.
 */
public final class RecordingFailures {

	private static final Log logger = LogFactory.getLog(RecordingFailures.class);

	private static final LongAdder count = new LongAdder();

	private static final AtomicBoolean warned = new AtomicBoolean();

	private RecordingFailures() {
	}

	/**
	 * Records one failure to record telemetry.
	 * @param what what was being recorded
	 * @param failure the failure
	 */
	public static void record(String what, Throwable failure) {
		count.increment();
		if (warned.compareAndSet(false, true)) {
			logger.warn("llmobs could not record " + what + " (further failures are logged at debug level): " + failure,
					failure);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("llmobs could not record " + what, failure);
		}
	}

	/**
	 * The number of failures recorded since startup.
	 * @return the count
	 */
	public static long count() {
		return count.sum();
	}

}
