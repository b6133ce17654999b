/**
 * The OpenAPI description of the public API, served by springdoc at {@code /v3/api-docs} (Swagger UI at
 * {@code /swagger-ui.html}): its title, version and server, the RFC 9457 problem schema, and the problem responses
 * that feature packages add to their operations.
 */
@NullMarked
package dev.tandem.api.openapi;

import org.jspecify.annotations.NullMarked;
