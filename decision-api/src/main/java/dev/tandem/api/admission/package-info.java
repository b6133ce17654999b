/**
 * Admission control of decisions: an adaptive concurrency limit (Netflix concurrency-limits) shared by priorities,
 * of which BULK may use the smallest part and CRITICAL all of it, so BULK is shed first and a share stays for
 * CRITICAL (a CRITICAL or STANDARD decision waits a few milliseconds for a permit first, ADR 0031); a rate limit per
 * client; and the enrichers' backlog (ADR 0030). Refusals are answered with 503 or 429 and {@code Retry-After} by
 * {@link dev.tandem.api.admission.AdmissionFilter} before Spring MVC binds the body (ADR 0028).
 */
@NullMarked
package dev.tandem.api.admission;

import org.jspecify.annotations.NullMarked;
