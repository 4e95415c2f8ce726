package org.hyakuyobako.cli;

/** A problem with what the user asked for (bad option, no usable input): one line, no stack trace. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
