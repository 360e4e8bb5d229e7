/**
 * The servlet filter that takes the session and user of each request from headers or the
 * authenticated principal, and the resolvers it uses.
 */
package dev.llmobs.web;
