/**
 * The released versions of Tandem's event schemas, kept in the jar so consumers resolve older
 * writer schemas by fingerprint without a registry server.
 */
@NullMarked
package dev.tandem.schemas.history;

import org.jspecify.annotations.NullMarked;
