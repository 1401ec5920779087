/**
 * {@code jnatsd}, the process: a command line that behaves like nats-server's.
 *
 * <pre>
 *  args ─▶ GoFlagSyntax ─▶ FlagParser ─▶ CommandLineFlags ─┬─▶ -v / -h / --help_tls / --signal / -t: answer, exit
 *          (one or two     (picocli,      (as typed)        │
 *           dashes, bare    Go's error                      └─▶ ConfigurationFiles.load (-c) ─▶ FlagOverrides
 *           bool =true)     words)                               ─▶ ServerOptions ─▶ LogSetup ─▶ ServerProcess
 *                                                                   (pid file, signals, JnatsdServer, ports file)
 * </pre>
 *
 * <p>{@link io.jnatsd.launcher.ConfigurationFiles} is the door to the configuration parser, and
 * {@code ServerProcess.reload()} / {@code enterLameDuckMode()} connect SIGHUP and SIGUSR2 to the
 * server's reload and lame duck mode.
 */
package io.jnatsd.launcher;
