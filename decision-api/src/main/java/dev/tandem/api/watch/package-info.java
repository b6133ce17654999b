/**
 * Watching outcomes change: one reader of the outcomes topic per instance ({@link OutcomeFeed}) tells the
 * registered watchers ({@link OutcomeWatchers}) which decisions changed, so long polls return and event streams
 * send the moment a version is stored, on whichever instance the client is connected to; it reads only while someone
 * watches ({@link FeedGate}). Event streams
 * ({@link EventStream}) write from their own virtual thread and hold at most a bounded backlog each.
 */
@NullMarked
package dev.tandem.api.watch;

import org.jspecify.annotations.NullMarked;
