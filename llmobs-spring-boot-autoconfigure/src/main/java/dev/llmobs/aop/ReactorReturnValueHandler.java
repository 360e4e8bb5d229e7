package dev.llmobs.aop;

import io.opentelemetry.context.Context;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.StreamedOutput;

/**
 * Ends the span of a method returning a Reactor {@link Mono} or {@link Flux} on complete,
 * error or cancel. For a {@code Flux} the output is the collected elements up to the
 * capture limit, and the time to the first element is recorded. The span's context is
 * written into the Reactor {@code Context} under
 * {@link OpenTelemetryContextThreadLocalAccessor#KEY}, so with automatic context
 * propagation ({@code spring.reactor.context-propagation=auto}, the starter's default)
 * annotated methods called inside the pipeline nest under this span. Registered only when
 * Reactor is present.
 */
public final class ReactorReturnValueHandler implements ReturnValueHandler {

	@Override
	public boolean canHandle(Object returnValue) {
		return returnValue instanceof Mono<?> || returnValue instanceof Flux<?>;
	}

	@Override
	public Object handle(Object returnValue, SpanCompletion completion) {
		Context context = completion.context();
		if (returnValue instanceof Mono<?> mono) {
			return mono.doOnSuccess(completion::succeed)
				.doOnError(completion::fail)
				.doOnCancel(() -> completion.cancel(null))
				.contextWrite((reactor) -> reactor.put(OpenTelemetryContextThreadLocalAccessor.KEY, context));
		}
		Flux<?> flux = (Flux<?>) returnValue;
		StreamedOutput output = completion.streamedOutput();
		return flux.doOnNext((element) -> {
			completion.firstElement();
			if (output != null) {
				output.add(element);
			}
		})
			.doOnComplete(() -> completion.succeedWithCaptured((output != null) ? output.render() : null))
			.doOnError(completion::fail)
			.doOnCancel(() -> completion.cancel((output != null) ? output.render() : null))
			.contextWrite((reactor) -> reactor.put(OpenTelemetryContextThreadLocalAccessor.KEY, context));
	}

}
