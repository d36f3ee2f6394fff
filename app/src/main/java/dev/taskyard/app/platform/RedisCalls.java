package dev.taskyard.app.platform;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an adapter whose methods call Redis behind MicroProfile Fault Tolerance: {@link
 * RedisCallInterceptor} records its circuit states and turns its failures into 503 problems.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RedisCalls {}
