/**
 * Taskyard's Grafana dashboards (observation plane): the generator that writes {@code
 * grafana/dashboards/*.json}, the tests that hold the committed files to it and to the rules of
 * provisioning, and {@link dev.taskyard.monitoring.grafana.PanelQueries}, every panel's PromQL for
 * tests that run it against a real Prometheus.
 */
package dev.taskyard.monitoring.grafana;
