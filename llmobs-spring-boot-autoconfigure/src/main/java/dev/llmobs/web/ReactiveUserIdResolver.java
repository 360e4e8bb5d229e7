package dev.llmobs.web;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the user id of a WebFlux exchange. Declare a bean to replace the default, which
 * takes the authenticated principal's name when there is one, else the
 * {@code llmobs.web.user-header} header.
 */
@FunctionalInterface
public interface ReactiveUserIdResolver {

	/**
	 * Resolves the raw user id; it is validated (and optionally hashed) afterwards.
	 * @param exchange the exchange
	 * @return the raw id, or an empty {@code Mono} when there is none
	 */
	Mono<String> resolveUserId(ServerWebExchange exchange);

}
