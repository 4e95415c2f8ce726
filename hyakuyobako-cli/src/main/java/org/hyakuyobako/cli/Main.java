package org.hyakuyobako.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The front door: {@code ./hyakuyobako <command>}. */
@Command(name = "hyakuyobako",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Integrated botnet sensor: reads packet captures from several sensors merged on packet time,",
            "runs many detection methods and gives one verdict per host."
        },
        subcommands = {AnalyzeCommand.class, ServeCommand.class, CarveCommand.class, ExportCommand.class, SimulateCommand.class, GenerateCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
