package org.hyakuyobako.correlate;

/** How much a detection method's evidence counts and where it sits in the life cycle. */
public record MethodPolicy(double weight, Stage stage) {
}
