/**
 * Annotations that mark methods (or every public method of a class) as steps of an LLM
 * application, each opening one span; no Spring types here.
 */
package dev.llmobs.annotation;
