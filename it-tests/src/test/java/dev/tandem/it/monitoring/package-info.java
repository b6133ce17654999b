/**
 * The compose stack's monitoring checked against the code: Prometheus' scrape configuration and Grafana's
 * provisioning against docker-compose.yml, the dashboards' metric names against what the services expose.
 */
@NullMarked
package dev.tandem.it.monitoring;

import org.jspecify.annotations.NullMarked;
