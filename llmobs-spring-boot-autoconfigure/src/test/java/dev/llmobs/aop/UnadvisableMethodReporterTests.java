package dev.llmobs.aop;

import org.junit.jupiter.api.Test;

import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;

import static org.assertj.core.api.Assertions.assertThat;

class UnadvisableMethodReporterTests {

	@Test
	void namesEveryAnnotatedMethodAProxyCannotIntercept() {
		UnadvisableMethodReporter reporter = new UnadvisableMethodReporter();
		reporter.postProcessAfterInitialization(new Limits(), "limits");
		reporter.postProcessAfterInitialization(new FinalBean(), "finalBean");
		assertThat(reporter.unadvisableMethods()).containsExactlyInAnyOrder(
				Limits.class.getName() + ".hidden (private method)", Limits.class.getName() + ".locked (final method)",
				Limits.class.getName() + ".shared (static method)", FinalBean.class.getName() + ".run (final class)");
	}

	@Test
	void finalClassIsNeverMatchedSoItStillStarts() {
		SpanAnnotationPointcut pointcut = new SpanAnnotationPointcut();
		assertThat(pointcut.getClassFilter().matches(FinalBean.class)).isFalse();
		assertThat(pointcut.getClassFilter().matches(Limits.class)).isTrue();
	}

	static class Limits {

		@LlmChain
		public String fine() {
			return hidden();
		}

		@LlmTask
		private String hidden() {
			return "x";
		}

		@LlmTask
		public final String locked() {
			return "y";
		}

		@LlmTask
		public static String shared() {
			return "z";
		}

	}

	static final class FinalBean {

		@LlmChain
		public String run() {
			return "r";
		}

	}

}
