package org.sresim.cli;

import java.io.PrintWriter;
import org.sresim.config.ConfigException;
import org.sresim.workload.WorkloadException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar target/sre.jar <command>}. */
@Command(name = "sre", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sparse ReRAM Engine simulator and parameter-sweep engine.",
        subcommands = {SimulateCommand.class, ProfileCommand.class, SweepCommand.class, QueryCommand.class,
                SqlCommand.class, ReportCommand.class, ParetoCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; returns the exit code. Errors the user can fix print one line, no stack trace. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (verbose) {
                e.printStackTrace(err);
            }
            err.println("error: " + userMessage(e));
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }

    static String userMessage(Exception e) {
        if (e instanceof ConfigException || e instanceof WorkloadException || e instanceof UserException
                || e instanceof org.sresim.sweep.SweepException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (rerun with --verbose for details)";
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sre-sweep " + (v == null ? "dev" : v)};
        }
    }
}
