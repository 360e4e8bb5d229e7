package dev.llmobs.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.llmobs.LlmObs;
import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.task.LlmObsTaskDecorator;
import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsContextPropagationAutoConfigurationTests {

	static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
			TraceFlags.getSampled(), TraceState.getDefault());

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmObsContextPropagationAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class));

	@Test
	void shouldSupplyTheTaskDecoratorAndTheReactorAccessor() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(LlmObsTaskDecorator.class)
			.hasSingleBean(OpenTelemetryContextThreadLocalAccessor.class));
	}

	@Test
	void runWhenDisabledShouldNotDecorateExecutors() {
		this.runner.withPropertyValues("llmobs.context.propagate-to-executors=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LlmObsTaskDecorator.class);
			Seen seen = runOn(context.getBean("applicationTaskExecutor", Executor.class));
			assertThat(seen.span()).isNotEqualTo(SPAN);
			assertThat(seen.session()).isNull();
		});
	}

	@Test
	void runWhenLlmObsDisabledShouldNotDecorateExecutors() {
		this.runner.withPropertyValues("llmobs.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmObsTaskDecorator.class));
	}

	@Test
	void theApplicationTaskExecutorCarriesSpanSessionAndMdcWithNoConfiguration() {
		this.runner.run((context) -> {
			Seen seen = runOn(context.getBean("applicationTaskExecutor", Executor.class));
			assertThat(seen.span()).isEqualTo(SPAN);
			assertThat(seen.session()).isEqualTo("conv-1");
			assertThat(seen.user()).isEqualTo("alice");
			assertThat(seen.mdcSession()).isEqualTo("conv-1");
		});
	}

	@Test
	void anApplicationTaskDecoratorIsComposedAndRunsWithTheContextRestored() {
		List<String> sessionsSeenByUserDecorator = new CopyOnWriteArrayList<>();
		TaskDecorator userDecorator = (runnable) -> () -> {
			sessionsSeenByUserDecorator.add(String.valueOf(LlmObsContext.current().sessionId()));
			runnable.run();
		};
		this.runner.withBean("userDecorator", TaskDecorator.class, () -> userDecorator).run((context) -> {
			Seen seen = runOn(context.getBean("applicationTaskExecutor", Executor.class));
			assertThat(seen.session()).isEqualTo("conv-1");
			assertThat(sessionsSeenByUserDecorator).containsExactly("conv-1");
		});
	}

	@Test
	void codeInjectingTheApplicationsSingleTaskDecoratorStillGetsIt() {
		TaskDecorator userDecorator = (runnable) -> runnable;
		this.runner.withBean("userDecorator", TaskDecorator.class, () -> userDecorator)
			.withBean(DecoratorUser.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DecoratorUser.class).decorator).isSameAs(userDecorator);
				assertThat(runOn(context.getBean("applicationTaskExecutor", Executor.class)).session())
					.isEqualTo("conv-1");
			});
	}

	static class DecoratorUser {

		final TaskDecorator decorator;

		DecoratorUser(TaskDecorator decorator) {
			this.decorator = decorator;
		}

	}

	@Test
	void simpleAsyncExecutorsAsUsedForVirtualThreadsCarryTheContext() {
		this.runner.run((context) -> {
			Seen seen = runOn(context.getBean(SimpleAsyncTaskExecutorBuilder.class).build());
			assertThat(seen.span()).isEqualTo(SPAN);
			assertThat(seen.session()).isEqualTo("conv-1");
		});
	}

	@Test
	void schedulersCarryTheContext() {
		this.runner.run((context) -> {
			ThreadPoolTaskScheduler pool = context.getBean(ThreadPoolTaskSchedulerBuilder.class).build();
			pool.initialize();
			try {
				assertThat(runOn(pool).session()).isEqualTo("conv-1");
			}
			finally {
				pool.shutdown();
			}
			SimpleAsyncTaskScheduler simple = context.getBean(SimpleAsyncTaskSchedulerBuilder.class).build();
			try {
				Seen seen = runOn(simple);
				assertThat(seen.span()).isEqualTo(SPAN);
				assertThat(seen.session()).isEqualTo("conv-1");
			}
			finally {
				simple.close();
			}
		});
	}

	@Test
	void theWorkerThreadIsLeftCleanAfterTheTask() throws Exception {
		this.runner.run((context) -> {
			Executor single = context.getBean(ThreadPoolTaskSchedulerBuilder.class).poolSize(1).build();
			((ThreadPoolTaskScheduler) single).initialize();
			try {
				runOn(single);
				CompletableFuture<Seen> after = CompletableFuture.supplyAsync(Seen::now, single);
				Seen seen = after.get(10, TimeUnit.SECONDS);
				assertThat(seen.session()).isNull();
				assertThat(seen.mdcSession()).isNull();
				assertThat(seen.span()).isNotEqualTo(SPAN);
			}
			finally {
				((ThreadPoolTaskScheduler) single).shutdown();
			}
		});
	}

	static Seen runOn(Executor executor) throws Exception {
		CompletableFuture<Seen> seen;
		try (Scope span = Span.wrap(SPAN).makeCurrent();
				LlmObsScope session = LlmObs.session("conv-1");
				LlmObsScope user = LlmObs.user("alice")) {
			seen = CompletableFuture.supplyAsync(Seen::now, executor);
		}
		return seen.get(10, TimeUnit.SECONDS);
	}

	record Seen(SpanContext span, String session, String user, String mdcSession, boolean virtualThread) {

		static Seen now() {
			LlmObsContext current = LlmObsContext.current();
			return new Seen(Span.current().getSpanContext(), current.sessionId(), current.userId(),
					MDC.get(ContextScopes.MDC_SESSION_ID), isVirtual(Thread.currentThread()));
		}

		/** {@code Thread.isVirtual()} exists from Java 21; the build targets 17. */
		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

	}

}
