package dev.llmobs.sample.assistant;

import java.util.List;

import dev.llmobs.sample.knowledge.Article;

/**
 * The assistant's answer.
 *
 * @param answer the text
 * @param sources the articles it is based on
 * @param model which model answered
 */
public record SupportAnswer(String answer, List<Article> sources, String model) {

}
