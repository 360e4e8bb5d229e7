package dev.llmobs.langchain4j;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanIdentity;

/**
 * One {@code AGENT} span per call of an AI Service method, named
 * {@code Interface.method}, current while the service runs so that its retrievals, model
 * calls and tool executions nest under it; {@code input.value} is the user message,
 * {@code output.value} the result; a {@code TokenStream} ends the span when the stream
 * ends. The {@code @MemoryId} argument becomes the session (conversation) id when none is
 * set.
 */
final class AiServiceInterceptor implements InvocationHandler {

	/** The longest memory id taken as a session id. */
	private static final int MAX_SESSION_ID_LENGTH = 256;

	private final Object target;

	private final String serviceName;

	private final LangChain4jSpans spans;

	private AiServiceInterceptor(Object target, String serviceName, LangChain4jSpans spans) {
		this.target = target;
		this.serviceName = serviceName;
		this.spans = spans;
	}

	/**
	 * Whether a bean is an AI Service built by LangChain4j's {@code AiServices}.
	 * @param bean the bean
	 * @return {@code true} for an AI Service proxy
	 */
	static boolean isAiService(Object bean) {
		return Proxy.isProxyClass(bean.getClass()) && Proxy.getInvocationHandler(bean)
			.getClass()
			.getName()
			.startsWith("dev.langchain4j.service.DefaultAiServices");
	}

	/**
	 * Wraps an AI Service.
	 * @param service the AI Service proxy
	 * @param spans the shared span parts
	 * @return a proxy with the same interfaces
	 */
	static Object wrap(Object service, LangChain4jSpans spans) {
		Class<?>[] interfaces = service.getClass().getInterfaces();
		String name = (interfaces.length > 0) ? interfaces[0].getSimpleName() : "AiService";
		return Proxy.newProxyInstance(service.getClass().getClassLoader(), interfaces,
				new AiServiceInterceptor(service, name, spans));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> call(method, args);
			};
		}
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		if (!method.getDeclaringClass().isAssignableFrom(this.target.getClass())
				|| method.getDeclaringClass().getName().startsWith("dev.langchain4j.")) {
			return call(method, args);
		}
		Object memoryId = argument(method, args, MemoryId.class);
		LlmObsScope session = null;
		if (memoryId != null && LlmObsContext.current().sessionId() == null) {
			String id = memoryId.toString();
			if (!id.isEmpty() && id.length() <= MAX_SESSION_ID_LENGTH) {
				session = ContextScopes.open((context) -> context.withSession(id));
			}
		}
		try {
			return observe(method, args);
		}
		finally {
			if (session != null) {
				session.close();
			}
		}
	}

	private Object observe(Method method, Object[] args) throws Throwable {
		SpanCompletion completion = start(method, args);
		if (completion == null) {
			return call(method, args);
		}
		Context context = this.spans.tracer().contextFor(completion);
		Object result;
		try (Scope scope = context.makeCurrent()) {
			result = call(method, args);
		}
		catch (Throwable ex) {
			completion.fail(ex);
			throw ex;
		}
		if (result instanceof TokenStream stream) {
			return ObservedTokenStream.wrap(stream, completion, context);
		}
		completion.succeed((result instanceof Result<?> full) ? full.content() : result);
		return result;
	}

	private SpanCompletion start(Method method, Object[] args) {
		try {
			return this.spans.start(LlmSpanKind.AGENT, this.serviceName + "." + method.getName(), SpanIdentity.NONE,
					userMessage(method, args));
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of an AI Service call", ex);
			return null;
		}
	}

	private Object call(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * The user message of a call: the {@code @UserMessage} argument, else the only
	 * argument, else the first text argument that is no template variable or memory id.
	 */
	private static Object userMessage(Method method, Object[] args) {
		if (args == null || args.length == 0) {
			return null;
		}
		Object annotated = argument(method, args, UserMessage.class);
		if (annotated != null) {
			return annotated;
		}
		if (args.length == 1) {
			return args[0];
		}
		Annotation[][] annotations = method.getParameterAnnotations();
		for (int i = 0; i < args.length; i++) {
			if (args[i] instanceof CharSequence && !has(annotations[i], V.class)
					&& !has(annotations[i], MemoryId.class)) {
				return args[i];
			}
		}
		return null;
	}

	private static Object argument(Method method, Object[] args, Class<? extends Annotation> type) {
		if (args == null) {
			return null;
		}
		Annotation[][] annotations = method.getParameterAnnotations();
		for (int i = 0; i < args.length; i++) {
			if (has(annotations[i], type)) {
				return args[i];
			}
		}
		return null;
	}

	private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
		for (Annotation annotation : annotations) {
			if (annotation.annotationType() == type) {
				return true;
			}
		}
		return false;
	}

}
