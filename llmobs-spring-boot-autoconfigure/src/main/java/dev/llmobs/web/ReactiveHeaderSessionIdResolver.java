package dev.llmobs.web;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the session id from a request header of a WebFlux exchange.
 */
public final class ReactiveHeaderSessionIdResolver implements ReactiveSessionIdResolver {

	private final String header;

	/**
	 * Creates the resolver.
	 * @param header the header name, such as {@code X-Session-Id}
	 */
	public ReactiveHeaderSessionIdResolver(String header) {
		this.header = header;
	}

	@Override
	public Mono<String> resolveSessionId(ServerWebExchange exchange) {
		return Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(this.header));
	}

}
