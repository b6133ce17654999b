/**
 * Admission control of decisions: an adaptive concurrency limit (Netflix concurrency-limits) shared by priorities,
 * of which BULK may use the smallest part and CRITICAL all of it, so BULK is shed first and a share stays for
 * CRITICAL; and a rate limit per client. Refusals are answered at once (503 or 429 with {@code Retry-After}), by
 * {@link dev.tandem.api.admission.AdmissionFilter} before Spring MVC binds the body (ADR 0028).
 */
@NullMarked
package dev.tandem.api.admission;

import org.jspecify.annotations.NullMarked;
