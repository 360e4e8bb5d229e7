package dev.llmobs.web;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Takes the authenticated principal's name of a WebFlux exchange (Spring Security's
 * reactive security context, so a spoofed header cannot override it), else a request
 * header.
 */
public final class ReactivePrincipalOrHeaderUserIdResolver implements ReactiveUserIdResolver {

	private final String header;

	private final boolean fromPrincipal;

	/**
	 * Creates the resolver.
	 * @param header the header name, such as {@code X-User-Id}
	 * @param fromPrincipal whether the authenticated principal wins over the header
	 */
	public ReactivePrincipalOrHeaderUserIdResolver(String header, boolean fromPrincipal) {
		this.header = header;
		this.fromPrincipal = fromPrincipal;
	}

	@Override
	public Mono<String> resolveUserId(ServerWebExchange exchange) {
		Mono<String> fromHeader = Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(this.header));
		if (!this.fromPrincipal) {
			return fromHeader;
		}
		return exchange.getPrincipal().mapNotNull(Principal::getName).switchIfEmpty(fromHeader);
	}

}
