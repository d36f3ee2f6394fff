package dev.taskyard.app.tasks;

import java.util.List;

/**
 * The dead letters a replay put back in their queue; ids that were not dead letters are left out.
 */
public record ReplayedView(String queue, List<String> ids) {}
