package dev.llmobs.mcp;

import java.util.Arrays;
import java.util.Map;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class McpMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final McpMeters meters = new McpMeters(this.registry);

	@Test
	void toolCallIsRecordedInSecondsWithLowCardinalityTags() {
		McpOperation call = McpOperation.of("tools/call", "s-1",
				new McpSchema.CallToolRequest("lookup", Map.of("customer", "alice"), null));
		this.meters.record(false, call, "tcp", "tool_error", 0.25);

		DistributionSummary summary = this.registry.get("mcp.client.operation.duration").summary();
		assertThat(summary.getId().getBaseUnit()).isEqualTo("s");
		assertThat(summary.getId().getTags()).extracting((tag) -> tag.getKey() + "=" + tag.getValue())
			.containsExactlyInAnyOrder("mcp.method.name=tools/call", "gen_ai.tool.name=lookup", "error.type=tool_error",
					"network.transport=tcp");
		assertThat(summary.totalAmount()).isEqualTo(0.25);
		assertThat(Arrays.stream(summary.takeSnapshot().histogramCounts()).map(CountAtBucket::bucket))
			.containsExactly(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);
	}

	@Test
	void missingValuesAreNoneSoEverySeriesHasTheSameTagKeys() {
		this.meters.record(true, McpOperation.of("tools/list", 1, null), null, null, 0.01);
		assertThat(this.registry.get("mcp.server.operation.duration")
			.tags("mcp.method.name", "tools/list", "gen_ai.tool.name", "none", "error.type", "none",
					"network.transport", "none")
			.summary()
			.count()).isEqualTo(1);
	}

}
