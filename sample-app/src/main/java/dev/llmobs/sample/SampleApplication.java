package dev.llmobs.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A customer-support chatbot for the fictional Nimbus Notes app, showing what llmobs
 * records. With {@code OPENAI_API_KEY} set it answers with a real model through Spring
 * AI; without it, an offline model composes answers from the retrieved articles.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		if (hasText(System.getenv("OPENAI_API_KEY"))) {
			application.setAdditionalProfiles("openai");
		}
		application.run(args);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
