/**
 * {@code jnatsd}, the process: a command line that behaves like nats-server's.
 *
 * <pre>
 *  args ─▶ FlagParser ─────▶ CommandLineFlags ─┬─▶ -v / -h / --help_tls / --signal / -t: answer, exit
 *          (Go's flag         (as typed)        │
 *           package: one or                     └─▶ ConfigurationFiles.load (-c) ─▶ FlagOverrides
 *           two dashes, its                          ─▶ ServerOptions ─▶ LogSetup ─▶ ServerProcess
 *           error words)                                (pid file, signals, JnatsdServer, ports file)
 * </pre>
 *
 * <p>{@link io.jnatsd.launcher.ConfigurationFiles} is the door to the configuration parser, and
 * {@code ServerProcess.reload()} / {@code enterLameDuckMode()} connect SIGHUP and SIGUSR2 to the
 * server's reload and lame duck mode.
 */
package io.jnatsd.launcher;
