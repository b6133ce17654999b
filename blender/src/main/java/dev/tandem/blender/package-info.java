/** blender: merges late enrichment results into stored outcomes, re-scores and finalises them. */
@NullMarked
package dev.tandem.blender;

import org.jspecify.annotations.NullMarked;
