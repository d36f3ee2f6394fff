/**
 * Optional encryption at rest of task payloads and results (execution plane): sealed with AES-GCM
 * under a key named in each value, so keys can be rotated while old values stay readable.
 */
package dev.taskyard.core.encryption;
