package org.hyakuyobako.cli;

import picocli.CommandLine;

/**
 * Maps exceptions to exit codes in one place: a {@link UserError} is a one-line message and exit
 * 2; anything else is a bug in Hyakuyobako, shown with its stack trace and exit 70 (EX_SOFTWARE).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_USAGE = 2;
    static final int EXIT_BUG = 70;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof UserError) {
            cli.getErr().println("hyakuyobako: error: " + e.getMessage());
            return EXIT_USAGE;
        }
        cli.getErr().println("hyakuyobako: internal error (please report it with the command line): " + e);
        e.printStackTrace(cli.getErr());
        return EXIT_BUG;
    }
}
