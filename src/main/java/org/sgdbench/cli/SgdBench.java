package org.sgdbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sgdbench} command: subcommands run, profile, list. */
@Command(name = "sgdbench", mixinStandardHelpOptions = true, version = "sgdbench 0.1.0",
    description = "Benchmarks the dynamics of discrete SGD across backends.",
    subcommands = {CommandLine.HelpCommand.class})
public final class SgdBench implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new SgdBench()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
