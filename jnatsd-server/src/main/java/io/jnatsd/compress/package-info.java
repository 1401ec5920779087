/**
 * The S2 codec (Klaus Post's extension of Snappy) as nats-server 2.10 uses it on compressed
 * route connections; pure bytes, no Netty types.
 *
 * <pre>
 *  write(bytes) ─▶ S2StreamWriter ──(identifier once, then one complete chunk per block)──▶ sink / array
 *                    └─ S2BlockEncoder(level) ─▶ MatchFinder: Fast | Better | Best ─▶ ElementWriter
 *
 *  feed(bytes)  ─▶ S2StreamReader ──(chunk header checked, body buffered only if split)──▶ sink
 *                    └─ S2BlockDecoder (bounds-checked; S2FormatException on any bad input)
 * </pre>
 *
 * {@link io.jnatsd.compress.S2Warmup} runs a level's encoder and the decoder over made-up route
 * traffic once per JVM, on its own thread, when the first connection starts compressing.
 *
 * <p>Ownership: callers keep their input buffers; bytes handed to a {@link io.jnatsd.compress.ByteSink}
 * are valid only during the call. Readers, writers and encoders are single-threaded objects,
 * one per connection direction. Memory per reader is bounded by its maximum block size (default
 * 4 MiB, S2's limit; nats-server's writer uses 1 MiB blocks).
 */
package io.jnatsd.compress;
