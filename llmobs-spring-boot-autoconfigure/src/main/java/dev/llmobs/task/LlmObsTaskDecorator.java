package dev.llmobs.task;

import io.micrometer.context.ContextSnapshotFactory;
import io.opentelemetry.context.Context;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.ClassUtils;

import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsScope;

/**
 * Carries the submitting thread's OpenTelemetry {@link Context} (the current span, the
 * session, user, metadata and tags) to the thread that runs a task, with session and user
 * in the logging MDC there. When Micrometer's context propagation is on the classpath the
 * other registered thread locals (the current observation, for example) are carried too,
 * as Spring's {@code ContextPropagatingTaskDecorator} would; the OpenTelemetry context is
 * restored innermost, so the task's spans have the exact span that was current at
 * submission as their parent.
 * <p>
 * Boot applies every {@link TaskDecorator} bean to its auto-configured executors and
 * schedulers, composed in order, so this one works beside the application's own.
 */
public final class LlmObsTaskDecorator implements TaskDecorator {

	private static final boolean contextPropagationPresent = ClassUtils
		.isPresent("io.micrometer.context.ContextSnapshotFactory", LlmObsTaskDecorator.class.getClassLoader());

	private final Snapshots snapshots;

	/**
	 * Creates a decorator that also carries Micrometer's context-propagation thread
	 * locals when that library is present.
	 */
	public LlmObsTaskDecorator() {
		this(contextPropagationPresent);
	}

	/**
	 * Creates a decorator.
	 * @param carryThreadLocals whether to carry Micrometer's context-propagation thread
	 * locals as well (requires {@code io.micrometer:context-propagation})
	 */
	public LlmObsTaskDecorator(boolean carryThreadLocals) {
		this.snapshots = carryThreadLocals ? new Snapshots() : null;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		Context context = Context.current();
		Runnable task = () -> {
			try (LlmObsScope scope = ContextScopes.attach(context)) {
				runnable.run();
			}
		};
		return (this.snapshots != null) ? this.snapshots.wrap(task) : task;
	}

	/**
	 * Holds the context-propagation types apart, so the decorator loads without them.
	 */
	private static final class Snapshots {

		private final ContextSnapshotFactory factory = ContextSnapshotFactory.builder().build();

		Runnable wrap(Runnable task) {
			return this.factory.captureAll().wrap(task);
		}

	}

}
