package dev.llmobs.langchain4j;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceRequestIssuedListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import dev.langchain4j.service.tool.ToolService;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.LlmSpanConvention;

/**
 * One {@code TOOL} span per tool execution of an AI Service, opened and ended by
 * LangChain4j's before- and after-tool-execution hooks ({@code ToolService}), beside any
 * hooks the application set: name, arguments ({@code input.value}), result
 * ({@code output.value}), the model's call id, and {@code ERROR} when the tool failed.
 */
final class AiServiceHooks {

	private static final Log logger = LogFactory.getLog(AiServiceHooks.class);

	private final LangChain4jSpans spans;

	/**
	 * The span of each running tool execution, by its request (LangChain4j hands the same
	 * request object to both hooks; two calls may carry equal requests).
	 */
	private final Map<ToolExecutionRequest, SpanCompletion> running = Collections
		.synchronizedMap(new IdentityHashMap<>());

	/**
	 * The context of each running AI Service call, its AGENT span current; weakly keyed
	 * by the invocation id, so a token stream that is never started leaves nothing
	 * behind.
	 */
	private final Map<UUID, Context> agents = Collections.synchronizedMap(new WeakHashMap<>());

	private AiServiceHooks(LangChain4jSpans spans) {
		this.spans = spans;
	}

	/**
	 * Adds the hooks to the tool service of an AI Service proxy built by
	 * {@code AiServices}. LangChain4j hands a built service's tool service out to no
	 * public API, so it is reached through the proxy's handler; when that fails (a
	 * LangChain4j version that keeps it elsewhere), tools are not traced and a warning
	 * says so once.
	 * @param service the AI Service proxy
	 * @param spans the shared span parts
	 * @return whether the hooks were added
	 */
	static boolean install(Object service, LangChain4jSpans spans) {
		try {
			Object handler = Proxy.getInvocationHandler(service);
			Field outer = handler.getClass().getDeclaredField("this$0");
			outer.setAccessible(true);
			Object builder = outer.get(handler);
			Field contextField = AiServices.class.getDeclaredField("context");
			contextField.setAccessible(true);
			AiServiceContext context = (AiServiceContext) contextField.get(builder);
			ToolService tools = context.toolService;
			AiServiceHooks hooks = new AiServiceHooks(spans);
			AiServiceListenerRegistrar events = context.eventListenerRegistrar;
			events.register((AiServiceStartedListener) hooks::started);
			events.register((AiServiceCompletedListener) (event) -> hooks.ended(event.invocationContext()));
			events.register((AiServiceErrorListener) (event) -> hooks.ended(event.invocationContext()));
			events.register((AiServiceRequestIssuedListener) hooks::requestIssued);
			Consumer<BeforeToolExecution> before = tools.beforeToolExecution();
			Consumer<ToolExecution> after = tools.afterToolExecution();
			tools.beforeToolExecution((before != null) ? before.andThen(hooks::before) : hooks::before);
			tools.afterToolExecution(
					(after != null) ? ((Consumer<ToolExecution>) hooks::after).andThen(after) : hooks::after);
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("llmobs cannot trace the tool executions of " + service.getClass().getInterfaces()[0].getName()
					+ " with this LangChain4j version: " + ex);
			return false;
		}
	}

	private void started(AiServiceStartedEvent event) {
		if (hasCurrentSpan() && event.invocationContext() != null) {
			this.agents.put(event.invocationContext().invocationId(), Context.current());
		}
	}

	private void ended(InvocationContext invocation) {
		if (invocation != null) {
			this.agents.remove(invocation.invocationId());
		}
		this.spans.takeModelCallParent();
	}

	private void requestIssued(AiServiceRequestIssuedEvent event) {
		// A streamed answer calls the model again from the thread of the previous
		// response, where nothing is current: that call belongs under the agent.
		Context agent = agent(event.invocationContext());
		if (agent != null && !hasCurrentSpan()) {
			this.spans.parentNextModelCall(agent);
		}
	}

	private Context agent(InvocationContext invocation) {
		return (invocation != null && invocation.invocationId() != null) ? this.agents.get(invocation.invocationId())
				: null;
	}

	private static boolean hasCurrentSpan() {
		return Span.current().getSpanContext().isValid();
	}

	private void before(BeforeToolExecution execution) {
		Context agent = hasCurrentSpan() ? null : agent(execution.invocationContext());
		try (Scope scope = (agent != null) ? agent.makeCurrent() : Scope.noop()) {
			ToolExecutionRequest request = execution.request();
			SpanCompletion completion = this.spans.start(LlmSpanKind.TOOL, request.name(), SpanIdentity.NONE,
					(request.arguments() != null) ? request.arguments() : "");
			Span span = completion.span();
			if (span.isRecording() && request.id() != null) {
				for (LlmSpanConvention convention : this.spans.writer().conventions().all()) {
					convention.toolExecution(span,
							new dev.llmobs.trace.convention.ToolExecution(request.id(), null, false));
				}
			}
			this.running.put(request, completion);
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a LangChain4j tool execution", ex);
		}
	}

	private void after(ToolExecution execution) {
		SpanCompletion completion = this.running.remove(execution.request());
		if (completion == null) {
			return;
		}
		if (execution.hasFailed()) {
			completion.fail(new ToolExecutionFailure(execution.result()));
		}
		else {
			completion.succeed(execution.result());
		}
	}

	/**
	 * A tool execution that failed, as LangChain4j reported it to the model.
	 */
	static final class ToolExecutionFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ToolExecutionFailure(String message) {
			super(message, null, false, false);
		}

	}

}
