package dev.llmobs.autoconfigure;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.ai.mcp.client.common.autoconfigure.properties.McpStreamableHttpClientProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmobs.mcp.McpHttpRequestTracing;
import dev.llmobs.mcp.McpTracing;
import dev.llmobs.mcp.TracingMcpClientTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class LlmObsMcpAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmObsAutoConfiguration.class, LlmObsMcpAutoConfiguration.class));

	@Test
	void shouldSupplyBeans() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(McpTracing.class);
			assertThat(context).hasSingleBean(McpHttpRequestTracing.class);
		});
	}

	@Test
	void runWhenMcpDisabledShouldNotTrace() {
		this.runner.withPropertyValues("llmobs.mcp.enabled=false")
			.withUserConfiguration(McpBeans.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(McpTracing.class);
				assertThat(transports(context.getBean("transports")))
					.noneMatch(TracingMcpClientTransport.class::isInstance);
			});
	}

	@Test
	void runWhenLlmObsDisabledShouldNotTrace() {
		this.runner.withPropertyValues("llmobs.enabled=false")
			.withUserConfiguration(McpBeans.class)
			.run((context) -> assertThat(context).doesNotHaveBean(McpTracing.class));
	}

	@Test
	void shouldBackOffWithoutTheMcpSdk() {
		this.runner.withClassLoader(new FilteredClassLoader(McpSchema.class))
			.run((context) -> assertThat(context).doesNotHaveBean(McpTracing.class));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.runner.withBean("customMcpTracing", McpTracing.class, () -> mock(McpTracing.class))
			.run((context) -> assertThat(context).getBean(McpTracing.class)
				.isSameAs(context.getBean("customMcpTracing")));
	}

	@Test
	void clientTransportsAndServerToolsAreWrapped() {
		this.runner.withUserConfiguration(McpBeans.class)
			.withPropertyValues("spring.ai.mcp.client.streamable-http.connections.plans.url=http://mcp.internal:9000")
			.run((context) -> {
				List<McpClientTransport> transports = transports(context.getBean("transports"));
				assertThat(transports).singleElement().isInstanceOf(TracingMcpClientTransport.class);
				@SuppressWarnings("unchecked")
				List<McpServerFeatures.SyncToolSpecification> tools = (List<McpServerFeatures.SyncToolSpecification>) context
					.getBean("tools");
				assertThat(tools).singleElement()
					.satisfies((tool) -> assertThat(tool.callHandler()).isNotSameAs(McpBeans.HANDLER));
			});
	}

	private static List<McpClientTransport> transports(Object bean) {
		return ((List<?>) bean).stream().map((named) -> ((NamedClientMcpTransport) named).transport()).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(McpStreamableHttpClientProperties.class)
	static class McpBeans {

		static final java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> HANDLER = (
				exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("x").build();

		@Bean
		List<NamedClientMcpTransport> transports() {
			return List.of(new NamedClientMcpTransport("plans", mock(McpClientTransport.class)));
		}

		@Bean
		List<McpServerFeatures.SyncToolSpecification> tools() {
			return List.of(new McpServerFeatures.SyncToolSpecification(McpSchema.Tool.builder()
				.name("t")
				.inputSchema(new McpSchema.JsonSchema("object", Map.of(), null, null, null, null))
				.build(), HANDLER));
		}

	}

}
