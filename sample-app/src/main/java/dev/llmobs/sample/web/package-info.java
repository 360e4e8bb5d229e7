/**
 * The chat API, its streaming variant, and the scripted demo conversation.
 */
package dev.llmobs.sample.web;
