package dev.llmobs.mcp;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The MCP operation-duration histograms in a Micrometer registry: seconds, with the
 * bucket boundaries the OpenTelemetry MCP conventions advise, tagged with the
 * low-cardinality {@code mcp.method.name}, {@code gen_ai.tool.name}, {@code error.type}
 * and {@code network.transport} only ({@code none} where a value is missing, so every
 * series has the same tag keys). Never the session, the user, a request id or content.
 */
public final class McpMeters implements McpDurations {

	/** The bucket boundaries of the MCP conventions, in seconds. */
	static final double[] BUCKETS = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300 };

	private static final String NONE = "none";

	private final MeterRegistry registry;

	/**
	 * Creates the meters.
	 * @param registry the registry
	 */
	public McpMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void record(boolean server, McpOperation operation, String networkTransport, String errorType,
			double seconds) {
		String name = server ? McpAttributes.SERVER_OPERATION_DURATION : McpAttributes.CLIENT_OPERATION_DURATION;
		Tags tags = Tags.of("mcp.method.name", orNone(operation.method()), "gen_ai.tool.name",
				orNone(operation.toolName()), "error.type", orNone(errorType), "network.transport",
				orNone(networkTransport));
		DistributionSummary.builder(name)
			.baseUnit("s")
			.description(server ? "MCP request duration as observed on the receiver"
					: "MCP request duration as observed on the sender")
			.serviceLevelObjectives(BUCKETS)
			.tags(tags)
			.register(this.registry)
			.record(seconds);
	}

	private static String orNone(String value) {
		return (value != null && !value.isEmpty()) ? value : NONE;
	}

}
