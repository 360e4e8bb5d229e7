/**
 * The language models the assistant can use: an offline one and OpenAI through Spring AI.
 */
package dev.llmobs.sample.model;
