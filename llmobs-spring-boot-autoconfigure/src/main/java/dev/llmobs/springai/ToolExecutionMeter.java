package dev.llmobs.springai;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code gen_ai.execute_tool.duration} timer of the newest GenAI conventions: one
 * sample per tool execution, tagged {@code gen_ai.operation.name=execute_tool},
 * {@code gen_ai.tool.name}, {@code gen_ai.tool.type} and {@code error.type} (the
 * exception's class, {@code none} on success: every series of a Micrometer meter carries
 * the same tag keys). Tool names are the application's own, a bounded set; no argument,
 * result, session or user ever becomes a tag.
 */
public final class ToolExecutionMeter implements MeterBinder {

	/** The meter's name. */
	public static final String NAME = "gen_ai.execute_tool.duration";

	/** The {@code error.type} of a tool that did not fail. */
	public static final String NO_ERROR = "none";

	/** Timers by tool name, tool type and error type: found without building a key. */
	private final Map<String, Map<String, Map<String, Timer>>> timers = new ConcurrentHashMap<>();

	private volatile MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Records one tool execution.
	 * @param toolName the tool's name
	 * @param toolType the tool's type ({@code function})
	 * @param errorType the class of what the tool threw, or {@code null}
	 * @param durationNanos how long it ran
	 */
	public void record(String toolName, String toolType, String errorType, long durationNanos) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		String error = (errorType != null) ? errorType : NO_ERROR;
		Map<String, Timer> byError = this.timers.computeIfAbsent(toolName, (name) -> new ConcurrentHashMap<>())
			.computeIfAbsent(toolType, (type) -> new ConcurrentHashMap<>());
		Timer timer = byError.get(error);
		if (timer == null) {
			timer = byError.computeIfAbsent(error,
					(e) -> Timer.builder(NAME)
						.description("Duration of tool executions")
						.tag("gen_ai.operation.name", "execute_tool")
						.tag("gen_ai.tool.name", toolName)
						.tag("gen_ai.tool.type", toolType)
						.tag("error.type", error)
						.register(current));
		}
		timer.record(durationNanos, TimeUnit.NANOSECONDS);
	}

}
