package dev.llmobs.aop;

import java.util.concurrent.CompletionStage;

import dev.llmobs.trace.SpanCompletion;

/**
 * Ends the span when a {@link CompletionStage} completes. The caller gets the very same
 * stage, so cancelling it works as before (and is recorded as a cancellation).
 */
public final class CompletionStageReturnValueHandler implements ReturnValueHandler {

	@Override
	public boolean canHandle(Object returnValue) {
		return returnValue instanceof CompletionStage<?>;
	}

	@Override
	public Object handle(Object returnValue, SpanCompletion completion) {
		CompletionStage<?> stage = (CompletionStage<?>) returnValue;
		stage.whenComplete((value, error) -> {
			if (error != null) {
				completion.fail(error);
			}
			else {
				completion.succeed(value);
			}
		});
		return stage;
	}

}
