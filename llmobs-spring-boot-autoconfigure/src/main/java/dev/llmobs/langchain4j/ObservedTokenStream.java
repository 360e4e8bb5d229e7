package dev.llmobs.langchain4j;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.TokenStream;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import dev.llmobs.trace.SpanCompletion;

/**
 * A {@link TokenStream} that behaves as the AI Service's own, and ends the service's
 * {@code AGENT} span with the stream: with the final text when it completes, with the
 * error when it fails. The stream starts with the span current, so the first model call
 * nests under it.
 */
final class ObservedTokenStream implements InvocationHandler {

	private final TokenStream delegate;

	private final SpanCompletion completion;

	private final Context context;

	private ObservedTokenStream(TokenStream delegate, SpanCompletion completion, Context context) {
		this.delegate = delegate;
		this.completion = completion;
		this.context = context;
	}

	static TokenStream wrap(TokenStream stream, SpanCompletion completion, Context context) {
		return (TokenStream) Proxy.newProxyInstance(TokenStream.class.getClassLoader(),
				new Class<?>[] { TokenStream.class }, new ObservedTokenStream(stream, completion, context));
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "onCompleteResponse" -> {
				Consumer<ChatResponse> consumer = (Consumer<ChatResponse>) args[0];
				this.delegate.onCompleteResponse((response) -> {
					this.completion.succeed(
							(response != null && response.aiMessage() != null) ? response.aiMessage().text() : null);
					consumer.accept(response);
				});
				return proxy;
			}
			case "onError" -> {
				Consumer<Throwable> consumer = (Consumer<Throwable>) args[0];
				this.delegate.onError((error) -> {
					this.completion.fail(error);
					consumer.accept(error);
				});
				return proxy;
			}
			case "ignoreErrors" -> {
				// The same as ignoring them, but the span still learns of the failure.
				this.delegate.onError(this.completion::fail);
				return proxy;
			}
			case "start" -> {
				try (Scope scope = this.context.makeCurrent()) {
					this.delegate.start();
				}
				catch (RuntimeException | Error ex) {
					this.completion.fail(ex);
					throw ex;
				}
				return null;
			}
			default -> {
				if (method.getDeclaringClass() == Object.class) {
					return switch (method.getName()) {
						case "equals" -> proxy == args[0];
						case "hashCode" -> System.identityHashCode(proxy);
						default -> this.delegate.toString();
					};
				}
				Object result;
				try {
					result = method.invoke(this.delegate, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getCause();
				}
				return (result == this.delegate) ? proxy : result;
			}
		}
	}

}
