package dev.llmobs.web;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the session (conversation) id of a WebFlux exchange. Declare a bean to replace
 * the default, which reads the {@code llmobs.web.session-header} header.
 */
@FunctionalInterface
public interface ReactiveSessionIdResolver {

	/**
	 * Resolves the raw session id; it is validated afterwards.
	 * @param exchange the exchange
	 * @return the raw id, or an empty {@code Mono} when there is none
	 */
	Mono<String> resolveSessionId(ServerWebExchange exchange);

}
