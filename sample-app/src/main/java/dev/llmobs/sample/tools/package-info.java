/**
 * Tools the OpenAI-backed model may call while answering: looking up a customer's plan.
 */
package dev.llmobs.sample.tools;
