package dev.llmobs.aop;

import java.util.List;

import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.SpanCompletion;

/**
 * Picks the {@link ReturnValueHandler} for a return value, or ends the span at once.
 */
public final class ReturnValueHandlers {

	private final List<ReturnValueHandler> handlers;

	/**
	 * Creates the composite.
	 * @param handlers the handlers, in order
	 */
	public ReturnValueHandlers(List<ReturnValueHandler> handlers) {
		this.handlers = List.copyOf(handlers);
	}

	/**
	 * Hands the value to the first handler that can handle it, or completes the span now.
	 * @param returnValue the returned value
	 * @param completion ends the span
	 * @return the value to return to the caller
	 */
	public Object handle(Object returnValue, SpanCompletion completion) {
		if (returnValue != null) {
			for (ReturnValueHandler handler : this.handlers) {
				if (handler.canHandle(returnValue)) {
					try {
						return handler.handle(returnValue, completion);
					}
					catch (Throwable ex) {
						RecordingFailures.record("an asynchronous result", ex);
						completion.succeedWithCaptured(null);
						return returnValue;
					}
				}
			}
		}
		completion.succeed(returnValue);
		return returnValue;
	}

}
