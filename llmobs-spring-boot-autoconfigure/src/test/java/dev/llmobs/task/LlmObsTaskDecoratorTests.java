package dev.llmobs.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import dev.llmobs.LlmObs;
import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsScope;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsTaskDecoratorTests {

	private static final SpanContext SPAN = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
			TraceFlags.getSampled(), TraceState.getDefault());

	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	@AfterEach
	void stop() {
		this.worker.shutdownNow();
	}

	@ParameterizedTest(name = "with Micrometer's thread locals too: {0}")
	@ValueSource(booleans = { true, false })
	void theTaskRunsWithTheSubmittersSpanSessionAndMdcAndTheWorkerIsCleanAfterwards(boolean carryThreadLocals)
			throws Exception {
		LlmObsTaskDecorator decorator = new LlmObsTaskDecorator(carryThreadLocals);
		String[] seen = new String[3];
		Runnable task;
		try (Scope span = Span.wrap(SPAN).makeCurrent(); LlmObsScope session = LlmObs.session("conv-7")) {
			task = decorator.decorate(() -> {
				seen[0] = Span.current().getSpanContext().getSpanId();
				seen[1] = LlmObsContext.current().sessionId();
				seen[2] = MDC.get(ContextScopes.MDC_SESSION_ID);
			});
		}
		this.worker.submit(task).get(10, TimeUnit.SECONDS);
		assertThat(seen).containsExactly(SPAN.getSpanId(), "conv-7", "conv-7");
		Future<String[]> after = this.worker
			.submit(() -> new String[] { String.valueOf(Span.current().getSpanContext().isValid()),
					LlmObsContext.current().sessionId(), MDC.get(ContextScopes.MDC_SESSION_ID) });
		assertThat(after.get(10, TimeUnit.SECONDS)).containsExactly("false", null, null);
	}

}
