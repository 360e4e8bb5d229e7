package dev.llmobs.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.export.TraceJson;

/**
 * Serves the trace viewer: one page and its script and styles, shipped in the jar, and a
 * JSON API over the recent traces. Plain routes of the application, so Spring Security's
 * rules for the path apply; {@link LocalAccessFilter} answers only local or authenticated
 * requests and sets a strict Content-Security-Policy, which the page works under: no
 * inline script or style, no {@code eval}.
 */
public final class TraceViewer {

	private static final String ASSETS = "dev/llmobs/viewer/";

	// served from the page's origin: the policy allows no data: URLs, and a browser
	// asking for /favicon.ico would log a 404 in the console
	private static final String ICON = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
			+ "<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#3b6ea5\"/></svg>";

	private TraceViewer() {
	}

	/**
	 * The viewer's routes under a path.
	 * @param path the page's path, such as {@code /llmobs}
	 * @param store the recent traces
	 * @return the routes
	 */
	public static RouterFunction<ServerResponse> routes(String path, RecentTraceStore store) {
		String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String page = asset("index.html").replace("{{base}}", base);
		String script = asset("viewer.js");
		String styles = asset("viewer.css");
		return RouterFunctions.route()
			.GET(base, (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(page))
			.GET(base + "/", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(page))
			.GET(base + "/viewer.js",
					(request) -> ServerResponse.ok().contentType(new MediaType("text", "javascript")).body(script))
			.GET(base + "/viewer.css",
					(request) -> ServerResponse.ok().contentType(new MediaType("text", "css")).body(styles))
			.GET(base + "/favicon.svg",
					(request) -> ServerResponse.ok().contentType(new MediaType("image", "svg+xml")).body(ICON))
			.GET(base + "/api/traces",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.body(store.llmTracesFirst().stream().map(TraceJson::summaryWithTurn).toList()))
			.GET(base + "/api/traces/{traceId}",
					(request) -> store.trace(request.pathVariable("traceId"))
						.map((trace) -> ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.body(TraceJson.describe(trace)))
						.orElseGet(() -> ServerResponse.notFound().build()))
			.build();
	}

	private static String asset(String name) {
		try (InputStream input = new ClassPathResource(ASSETS + name).getInputStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
