/**
 * The console's shell (control plane): its entry, the signed-in user's view of it (name, role,
 * theme) and their preferences. Each page's view bean lives in the capability it shows.
 */
package dev.taskyard.app.console;
