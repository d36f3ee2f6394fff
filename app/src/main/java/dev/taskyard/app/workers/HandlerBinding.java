package dev.taskyard.app.workers;

import dev.taskyard.core.worker.TaskHandler;

/** A {@link TaskType} handler found at startup: what it runs, where, and the bean itself. */
record HandlerBinding(String type, String queue, Class<?> beanClass, TaskHandler handler) {}
