package dev.llmobs.feedback;

import java.util.Set;

/**
 * What feedback is accepted.
 *
 * @param maxCommentLength longer comments are refused
 * @param maxNames distinct feedback names accepted (bounds metric tags and memory)
 * @param maxPerSecond feedback accepted per second; beyond, refused until the next second
 * @param requireKnownTrace refuse feedback on trace ids this application has not served
 * recently
 * @param passThreshold a number at or above it passes
 * @param negativeLabels labels that fail (lower case)
 */
public record FeedbackOptions(int maxCommentLength, int maxNames, int maxPerSecond, boolean requireKnownTrace,
		double passThreshold, Set<String> negativeLabels) {

}
