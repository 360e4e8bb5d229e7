package dev.llmobs.web;

import java.util.Optional;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsContextThreadLocalAccessor;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;
import dev.llmobs.failure.RecordingFailures;

/**
 * The WebFlux counterpart of {@link LlmObsWebFilter}: takes the session and user of each
 * exchange (headers, or the principal of Spring Security's reactive security context),
 * validates them, stamps them on the HTTP server span, returns the trace id in a response
 * header, and writes them into the Reactor {@code Context} of the rest of the chain,
 * where automatic context propagation makes them current for every span below (and the
 * MDC for logs). Runs after Spring Security's {@code WebFilterChainProxy}.
 */
public final class LlmObsReactiveWebFilter implements WebFilter, Ordered {

	private static final boolean otelBridgePresent = ClassUtils.isPresent("io.micrometer.tracing.otel.bridge.OtelSpan",
			LlmObsReactiveWebFilter.class.getClassLoader());

	private final ReactiveSessionIdResolver sessionIds;

	private final ReactiveUserIdResolver userIds;

	private final RequestIdentity identity;

	private final String traceIdHeader;

	private final int order;

	/**
	 * Creates the filter.
	 * @param sessionIds resolves session ids
	 * @param userIds resolves user ids
	 * @param identity validates, hashes and counts rejected ids, stamps the server span
	 * @param traceIdHeader the response header for the trace id, or empty for none
	 * @param order the filter's order
	 */
	public LlmObsReactiveWebFilter(ReactiveSessionIdResolver sessionIds, ReactiveUserIdResolver userIds,
			RequestIdentity identity, String traceIdHeader, int order) {
		this.sessionIds = sessionIds;
		this.userIds = userIds;
		this.identity = identity;
		this.traceIdHeader = traceIdHeader;
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.zip(raw(this.sessionIds.resolveSessionId(exchange)), raw(this.userIds.resolveUserId(exchange)))
			.flatMap((ids) -> proceed(exchange, chain, ids));
	}

	private static Mono<Optional<String>> raw(Mono<String> id) {
		return id.map(Optional::of).defaultIfEmpty(Optional.empty()).onErrorResume((ex) -> {
			RecordingFailures.record("the session or user of a request", ex);
			return Mono.just(Optional.empty());
		});
	}

	private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain,
			Tuple2<Optional<String>, Optional<String>> ids) {
		LlmObsContext resolved = this.identity.resolve(ids.getT1().orElse(null), ids.getT2().orElse(null));
		Span serverSpan = serverSpan(exchange);
		String traceId = this.identity.stamp(serverSpan, resolved);
		if (traceId != null && !this.traceIdHeader.isEmpty() && !exchange.getResponse().isCommitted()) {
			exchange.getResponse().getHeaders().set(this.traceIdHeader, traceId);
		}
		if (resolved.isEmpty()) {
			return chain.filter(exchange);
		}
		LlmObsContext merged = RequestIdentity.merge(LlmObsContext.current(), resolved);
		Context context = ContextScopes.contextFor(Context.current(), serverSpan);
		Context withIds = merged.storeIn(context);
		Mono<Void> rest;
		// Made current while the rest of the chain is assembled, too, for code that runs
		// eagerly.
		try (LlmObsScope scope = ContextScopes.attach(withIds)) {
			rest = chain.filter(exchange);
		}
		return rest.contextWrite((reactor) -> reactor.put(LlmObsContextThreadLocalAccessor.KEY, merged)
			.put(OpenTelemetryContextThreadLocalAccessor.KEY, withIds));
	}

	private static Span serverSpan(ServerWebExchange exchange) {
		if (otelBridgePresent) {
			Span span = ServerSpans.of(exchange);
			if (span != null) {
				return span;
			}
		}
		return Span.current();
	}

	/**
	 * Finds the span Micrometer's tracing handler opened for the exchange's server
	 * observation; apart, so the filter loads without the OpenTelemetry bridge.
	 */
	private static final class ServerSpans {

		static Span of(ServerWebExchange exchange) {
			Optional<ServerRequestObservationContext> observation = ServerRequestObservationContext
				.findCurrent(exchange.getAttributes());
			if (observation.isEmpty()) {
				return null;
			}
			Observation.Context context = observation.get();
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			io.micrometer.tracing.Span span = (tracing != null) ? tracing.getSpan() : null;
			return (span != null) ? OtelSpan.toOtel(span) : null;
		}

	}

}
