package dev.llmobs.kotlin;

import java.util.concurrent.CancellationException;

import kotlin.Unit;
import kotlinx.coroutines.flow.Flow;
import kotlinx.coroutines.flow.FlowKt;

import dev.llmobs.aop.ReturnValueHandler;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.StreamedOutput;

/**
 * Ends the span of a method returning a Kotlin {@link Flow} when its collection ends:
 * completion, failure, or cancellation (including a collector that stops early, such as
 * {@code take(n)}), with the collected elements up to the capture limit as output and the
 * time to the first element. The flow's body runs with the span current (a
 * {@link LlmObsContextElement} applied with {@code flowOn}, which changes no dispatcher),
 * so annotated calls made while producing elements nest under it. Registered only when
 * Kotlin coroutines are on the classpath.
 */
public final class FlowReturnValueHandler implements ReturnValueHandler {

	@Override
	public boolean canHandle(Object returnValue) {
		return returnValue instanceof Flow<?>;
	}

	@Override
	public Object handle(Object returnValue, SpanCompletion completion) {
		Flow<?> flow = FlowKt.flowOn((Flow<?>) returnValue, new LlmObsContextElement(completion.context()));
		StreamedOutput output = completion.streamedOutput();
		Flow<?> observed = FlowKt.onEach(flow, (element, continuation) -> {
			completion.firstElement();
			if (output != null) {
				output.add(element);
			}
			return Unit.INSTANCE;
		});
		return FlowKt.onCompletion(observed, (collector, cause, continuation) -> {
			if (cause == null) {
				completion.succeedWithCaptured((output != null) ? output.render() : null);
			}
			else if (cause instanceof CancellationException) {
				completion.cancel((output != null) ? output.render() : null);
			}
			else {
				completion.fail(cause);
			}
			return Unit.INSTANCE;
		});
	}

}
