package dev.llmobs.e2e;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;

/**
 * A small traced app for the operability tests.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ OperabilityApp.Flow.class, OperabilityApp.Step.class, OperabilityApp.Chat.class })
class OperabilityApp {

	@RestController
	static class Chat {

		private final Flow flow;

		Chat(Flow flow) {
			this.flow = flow;
		}

		@PostMapping("/chat")
		String chat(@RequestBody String message) {
			return this.flow.answer(message);
		}

	}

	@Component
	static class Flow {

		private final Step step;

		Flow(Step step) {
			this.step = step;
		}

		@LlmChain(name = "support-flow")
		public String answer(String message) {
			return this.step.prepare(message) + " answered";
		}

	}

	@Component
	static class Step {

		@LlmTask
		public String prepare(String message) {
			return message.trim();
		}

	}

}
