package dev.llmobs.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;

import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpSseClientProperties;
import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.mcp.McpDurations;
import dev.llmobs.mcp.McpEndpoint;
import dev.llmobs.mcp.McpHttpRequestTracing;
import dev.llmobs.mcp.McpMeters;
import dev.llmobs.mcp.McpTracing;
import dev.llmobs.mcp.TracingMcpClientTransport;
import dev.llmobs.mcp.TracingMcpToolSpecifications;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.web.IdValidator;

/**
 * Auto-configuration of MCP tracing, when the MCP Java SDK is on the classpath: the
 * transports of Spring AI's MCP clients are wrapped so every request they carry is a
 * client span with its trace context in {@code params._meta}, and the tools of Spring
 * AI's MCP server are wrapped so every call is a server span continuing that trace.
 * <p>
 * Why these points: the client transport is the one place that sees every request of both
 * the sync and the async client with its JSON-RPC id and wire params (a client customizer
 * cannot wrap calls, and the clients are classes, not interfaces); on the server, the
 * tool specifications are published as beans before the server is built, and their
 * handlers receive the request's {@code _meta} and the session.
 */
@AutoConfiguration(after = LlmObsAutoConfiguration.class)
@ConditionalOnClass(McpSchema.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "llmobs.mcp.enabled", matchIfMissing = true)
@ConditionalOnBean(LlmSpanTracer.class)
public final class LlmObsMcpAutoConfiguration {

	private static final String INSTRUMENTATION_NAME = "dev.llmobs.mcp";

	@Bean
	@ConditionalOnMissingBean
	McpTracing llmObsMcpTracing(LlmSpanTracer tracer, LlmObsProperties properties,
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<TextMapPropagator> propagators,
			ObjectProvider<McpDurations> durations) {
		OpenTelemetry otel = openTelemetry.getIfAvailable(GlobalOpenTelemetry::get);
		return new McpTracing(otel.getTracer(INSTRUMENTATION_NAME), tracer.writer(), propagator(otel, propagators),
				durations.getIfAvailable(() -> McpDurations.NONE), properties.getCapture().isInputs(),
				properties.getCapture().isOutputs(), new IdValidator(properties.getWeb().getMaxIdLength()));
	}

	/**
	 * The application's propagator: Boot's propagator bean, else the one of the
	 * OpenTelemetry SDK, else W3C trace context and baggage.
	 */
	private static TextMapPropagator propagator(OpenTelemetry otel, ObjectProvider<TextMapPropagator> propagators) {
		TextMapPropagator propagator = propagators.getIfUnique();
		if (propagator == null) {
			propagator = otel.getPropagators().getTextMapPropagator();
		}
		if (propagator == null || propagator.fields().isEmpty()) {
			propagator = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
					W3CBaggagePropagator.getInstance());
		}
		return propagator;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpDurations llmObsMcpDurations(ObjectProvider<MeterRegistry> registry) {
			return new LazyMcpMeters(registry);
		}

	}

	/**
	 * Resolves the registry at the first operation, after every meter registry exists.
	 */
	static final class LazyMcpMeters implements McpDurations {

		private final ObjectProvider<MeterRegistry> registry;

		private volatile McpDurations meters;

		LazyMcpMeters(ObjectProvider<MeterRegistry> registry) {
			this.registry = registry;
		}

		@Override
		public void record(boolean server, dev.llmobs.mcp.McpOperation operation, String networkTransport,
				String errorType, double seconds) {
			McpDurations resolved = this.meters;
			if (resolved == null) {
				MeterRegistry found = this.registry.getIfUnique();
				resolved = (found != null) ? new McpMeters(found) : McpDurations.NONE;
				this.meters = resolved;
			}
			resolved.record(server, operation, networkTransport, errorType, seconds);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ McpClientTransport.class, NamedClientMcpTransport.class })
	static class ClientConfiguration {

		@Bean
		static BeanPostProcessor llmObsMcpClientTransportPostProcessor(ObjectProvider<McpTracing> tracing,
				ObjectProvider<LlmObsProperties> properties,
				ObjectProvider<McpStreamableHttpClientProperties> streamableHttp,
				ObjectProvider<McpSseClientProperties> sse) {
			return new McpClientTransportPostProcessor(tracing, properties, streamableHttp, sse);
		}

		@Bean
		@ConditionalOnClass(McpAsyncHttpClientRequestCustomizer.class)
		McpHttpRequestTracing llmObsMcpHttpRequestTracing(McpTracing tracing) {
			return new McpHttpRequestTracing(tracing);
		}

	}

	/**
	 * Wraps each transport of Spring AI's MCP client (published as lists of
	 * {@link NamedClientMcpTransport}) in a {@link TracingMcpClientTransport}, before the
	 * clients are built on them.
	 */
	static final class McpClientTransportPostProcessor implements BeanPostProcessor {

		private final ObjectProvider<McpTracing> tracing;

		private final ObjectProvider<LlmObsProperties> properties;

		private final ObjectProvider<McpStreamableHttpClientProperties> streamableHttp;

		private final ObjectProvider<McpSseClientProperties> sse;

		McpClientTransportPostProcessor(ObjectProvider<McpTracing> tracing, ObjectProvider<LlmObsProperties> properties,
				ObjectProvider<McpStreamableHttpClientProperties> streamableHttp,
				ObjectProvider<McpSseClientProperties> sse) {
			this.tracing = tracing;
			this.properties = properties;
			this.streamableHttp = streamableHttp;
			this.sse = sse;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof List<?> list) || list.isEmpty()
					|| !list.stream().allMatch(NamedClientMcpTransport.class::isInstance)) {
				return bean;
			}
			McpTracing mcpTracing = this.tracing.getIfAvailable();
			if (mcpTracing == null) {
				return bean;
			}
			List<NamedClientMcpTransport> traced = new ArrayList<>(list.size());
			for (Object element : list) {
				NamedClientMcpTransport named = (NamedClientMcpTransport) element;
				traced.add(trace(named, mcpTracing));
			}
			return traced;
		}

		private NamedClientMcpTransport trace(NamedClientMcpTransport named, McpTracing mcpTracing) {
			if (named.transport() instanceof TracingMcpClientTransport) {
				return named;
			}
			try {
				McpEndpoint endpoint = endpoint(named);
				return new NamedClientMcpTransport(named.name(), new TracingMcpClientTransport(named.transport(),
						mcpTracing, endpoint, mayReceiveIdentity(endpoint)));
			}
			catch (RuntimeException ex) {
				RecordingFailures.record("the MCP transport '" + named.name() + "'", ex);
				return named;
			}
		}

		private McpEndpoint endpoint(NamedClientMcpTransport named) {
			if (named.transport() instanceof StdioClientTransport) {
				return McpEndpoint.STDIO;
			}
			String url = null;
			McpStreamableHttpClientProperties streamable = this.streamableHttp.getIfAvailable();
			if (streamable != null && streamable.getConnections().get(named.name()) != null) {
				url = streamable.getConnections().get(named.name()).url();
			}
			McpSseClientProperties sseProperties = this.sse.getIfAvailable();
			if (url == null && sseProperties != null && sseProperties.getConnections().get(named.name()) != null) {
				url = sseProperties.getConnections().get(named.name()).url();
			}
			return (url != null) ? McpEndpoint.http(URI.create(url)) : McpEndpoint.HTTP;
		}

		private boolean mayReceiveIdentity(McpEndpoint endpoint) {
			LlmObsProperties llmObs = this.properties.getIfAvailable();
			if (llmObs == null || !llmObs.getWeb().isPropagate() || endpoint.serverAddress() == null) {
				return false;
			}
			Set<String> hosts = new HashSet<>();
			llmObs.getWeb().getPropagateHosts().forEach((host) -> hosts.add(host.toLowerCase(Locale.ROOT)));
			return hosts.contains(endpoint.serverAddress());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(McpServerFeatures.class)
	static class ServerConfiguration {

		@Bean
		static BeanPostProcessor llmObsMcpToolSpecificationPostProcessor(ObjectProvider<McpTracing> tracing,
				Environment environment) {
			return new McpToolSpecificationPostProcessor(tracing, environment);
		}

	}

	/**
	 * Wraps the tools Spring AI's MCP server serves (specification beans and lists of
	 * them, including those Spring AI converts from tool callbacks and {@code @McpTool}
	 * methods) before the server is built from them.
	 */
	static final class McpToolSpecificationPostProcessor implements BeanPostProcessor {

		private final ObjectProvider<McpTracing> tracing;

		private final Environment environment;

		McpToolSpecificationPostProcessor(ObjectProvider<McpTracing> tracing, Environment environment) {
			this.tracing = tracing;
			this.environment = environment;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof McpServerFeatures.SyncToolSpecification tool) {
				McpTracing mcpTracing = this.tracing.getIfAvailable();
				return (mcpTracing != null) ? TracingMcpToolSpecifications.trace(tool, mcpTracing, endpoint()) : bean;
			}
			if (bean instanceof McpServerFeatures.AsyncToolSpecification tool) {
				McpTracing mcpTracing = this.tracing.getIfAvailable();
				return (mcpTracing != null) ? TracingMcpToolSpecifications.trace(tool, mcpTracing, endpoint()) : bean;
			}
			if (bean instanceof List<?> list && !list.isEmpty()) {
				if (list.stream().allMatch(McpServerFeatures.SyncToolSpecification.class::isInstance)) {
					return traceAll(list, McpServerFeatures.SyncToolSpecification.class, bean);
				}
				if (list.stream().allMatch(McpServerFeatures.AsyncToolSpecification.class::isInstance)) {
					return traceAll(list, McpServerFeatures.AsyncToolSpecification.class, bean);
				}
			}
			return bean;
		}

		private <T> Object traceAll(List<?> list, Class<T> type, Object bean) {
			McpTracing mcpTracing = this.tracing.getIfAvailable();
			if (mcpTracing == null) {
				return bean;
			}
			McpEndpoint endpoint = endpoint();
			List<Object> traced = new ArrayList<>(list.size());
			for (Object tool : list) {
				traced.add((tool instanceof McpServerFeatures.SyncToolSpecification sync)
						? TracingMcpToolSpecifications.trace(sync, mcpTracing, endpoint) : TracingMcpToolSpecifications
							.trace((McpServerFeatures.AsyncToolSpecification) tool, mcpTracing, endpoint));
			}
			return traced;
		}

		private McpEndpoint endpoint() {
			return this.environment.getProperty("spring.ai.mcp.server.stdio", Boolean.class, false) ? McpEndpoint.STDIO
					: McpEndpoint.HTTP;
		}

	}

}
