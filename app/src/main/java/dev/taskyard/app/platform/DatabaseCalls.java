package dev.taskyard.app.platform;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an adapter whose methods call PostgreSQL behind MicroProfile Fault Tolerance: {@link
 * DatabaseCallInterceptor} keeps a timed-out call from leaving its caller interrupted.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DatabaseCalls {}
