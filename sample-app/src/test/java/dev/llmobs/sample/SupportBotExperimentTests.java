package dev.llmobs.sample;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import dev.llmobs.springai.SpringAiJudgeClient;
import dev.llmobs.sample.assistant.SupportAssistant;
import dev.llmobs.test.experiment.AutoConfigureLlmObsExperiments;
import dev.llmobs.test.experiment.Experiment;
import dev.llmobs.test.experiment.ExperimentReport;
import dev.llmobs.test.experiment.LlmExperiments;

import static dev.llmobs.test.experiment.ExpectationEvaluators.containsMatch;
import static dev.llmobs.test.experiment.ExpectationEvaluators.expectedDocumentRecall;
import static dev.llmobs.test.experiment.ExpectationEvaluators.referenceJudge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support bot's quality gate: 33 support questions with the help articles that answer
 * them, run through the real flow (retriever, prompt, model), scored, compared with the
 * committed baseline. Offline model by default; see the README for a real model.
 */
@SpringBootTest(properties = { "sample.demo-conversation.enabled=false", "llmobs.console.enabled=false" })
@AutoConfigureLlmObsExperiments
class SupportBotExperimentTests {

	@Autowired
	LlmExperiments experiments;

	@Autowired
	SupportAssistant assistant;

	@Autowired
	ObjectProvider<ChatModel> chatModel;

	@Value("${sample.experiment.baseline:classpath:experiments/support-bot-baseline.json}")
	String baseline;

	@Test
	void supportBotMeetsItsQualityBar() {
		Experiment experiment = this.experiments.experiment("support-bot")
			.dataset("classpath:experiments/support-questions.jsonl")
			.task((example) -> this.assistant.answer(example.input()))
			.evaluators("non-empty", "context-overlap", "pii-leak")
			.evaluators(containsMatch(), expectedDocumentRecall())
			.concurrency(4)
			// measured offline: recall 1.00, contains 0.85, overlap 0.89
			.minPassRate("expected-document-recall", 0.95)
			.minPassRate("contains-match", 0.8)
			.minMeanScore("context-overlap", 0.85)
			.minPassRate("pii-leak", 1.0)
			.baseline(this.baseline)
			.tolerance(0.05);
		// with a real model (openai profile): also judge each answer against the
		// reference
		this.chatModel.ifAvailable((model) -> experiment.evaluators(referenceJudge(new SpringAiJudgeClient(model),
				"The answer is correct and answers the customer's question.", 0.6, 5)));

		ExperimentReport report = experiment.run();

		assertThat(report.summary().failedExamples()).isZero();
	}

}
