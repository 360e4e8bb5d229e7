/**
 * Prompt templates and versions: which template and version produced each model call,
 * recorded on LLM spans and as a bounded metric tag.
 */
package dev.llmobs.prompt;
