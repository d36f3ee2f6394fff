/**
 * The audit log (control plane): every mutation, from the API or the console, recorded with one
 * Redis {@code XADD} and moved into PostgreSQL in batches, and read back filtered, paged and
 * exported through {@code /api/audit}.
 */
package dev.taskyard.app.audit;
