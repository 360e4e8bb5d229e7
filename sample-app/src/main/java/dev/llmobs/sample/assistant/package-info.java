/**
 * The support flow: retrieve, build the prompt, call the model, evaluate.
 */
package dev.llmobs.sample.assistant;
