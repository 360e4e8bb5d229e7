package dev.llmobs.sample.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import reactor.core.publisher.Flux;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.LlmCall;

/**
 * A model that needs no network or key: it answers with the retrieved sentences most
 * related to the question, clearly labelled, and reports honest token counts from the
 * cl100k tokenizer.
 */
@Component
@Profile("!openai")
public class OfflineSupportModel implements SupportModel {

	static final String MODEL = "offline-extractive";

	private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");

	private static final Pattern WORD = Pattern.compile("[a-z0-9]{3,}");

	private static final java.util.Set<String> STOPWORDS = java.util.Set.of("how", "does", "the", "what", "can", "and",
			"for", "you", "your", "are", "with", "this", "that", "from", "will", "there", "where", "when", "which",
			"why", "who", "take", "get", "into", "about", "have", "has", "our");

	private final Encoding tokenizer = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	@Override
	@LlmCall(provider = "offline", model = MODEL)
	public ModelReply answer(SupportPrompt prompt) {
		return reply(prompt);
	}

	/**
	 * Streams the same answer word by word, as a model streams tokens; the usage is known
	 * up front here, so it is recorded before the first chunk.
	 */
	@Override
	@LlmCall(provider = "offline", model = MODEL)
	public Flux<String> stream(SupportPrompt prompt) {
		ModelReply reply = reply(prompt);
		LlmObs.recordUsage(MODEL, reply.usage().inputTokens(), reply.usage().outputTokens());
		return Flux.fromArray(reply.text().split("(?<= )")).delayElements(Duration.ofMillis(5));
	}

	private ModelReply reply(SupportPrompt prompt) {
		List<String> sentences = bestSentences(prompt.user(), prompt.system(), 2);
		String text = sentences.isEmpty()
				? "[offline model] I could not find this in the help center. Please contact support."
				: "[offline model] " + String.join(" ", sentences);
		long input = this.tokenizer.countTokens(prompt.system()) + this.tokenizer.countTokens(prompt.user());
		return new ModelReply(text, MODEL, new ModelReply.Usage(input, this.tokenizer.countTokens(text)));
	}

	@Override
	public String label() {
		return "offline model (no API key): answers are sentences from the retrieved articles";
	}

	private static List<String> bestSentences(String question, String context, int count) {
		List<String> words = words(question);
		List<Scored> scored = new ArrayList<>();
		for (String line : context.split("\n")) {
			if (!line.startsWith("[kb-")) {
				continue;
			}
			String body = line.substring(line.indexOf(". ", line.indexOf(']')) + 2);
			for (String sentence : SENTENCE.split(body.trim())) {
				long overlap = words(sentence).stream().filter(words::contains).count();
				if (overlap > 0) {
					scored.add(new Scored(sentence.trim(), overlap));
				}
			}
		}
		scored.sort((a, b) -> Long.compare(b.overlap(), a.overlap()));
		return scored.stream().limit(count).map(Scored::sentence).toList();
	}

	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			String word = matcher.group();
			if (!STOPWORDS.contains(word)) {
				words.add(word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
			}
		}
		return words;
	}

	private record Scored(String sentence, long overlap) {
	}

}
