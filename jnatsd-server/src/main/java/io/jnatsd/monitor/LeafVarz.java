package io.jnatsd.monitor;

import io.jnatsd.config.LeafNodeOptions;
import io.jnatsd.config.TlsOptions;
import io.jnatsd.leaf.LeafNodes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code leaf} block of {@code /varz} (LEAFNODES.md §12.2), as nats-server 2.10 fills it: a
 * listening server shows its leafnode host, the bound port (the listen port even when
 * {@code advertise} is set, the real one for {@code port: -1}), its auth and TLS timeouts; a server
 * with remotes lists each with its local account and configured URLs as {@code host:port}, user
 * info stripped, never the URLs learned from the hub. {@code tls_required} and {@code tls_verify}
 * follow the listener's {@code tls} block. {@code {}} without leaf nodes.
 */
final class LeafVarz {
    private LeafVarz() {
    }

    static Object block(LeafNodes leafNodes) {
        if (leafNodes == null) {
            return Map.of();
        }
        LeafNodeOptions options = leafNodes.options();
        GoObject block = new GoObject();
        TlsOptions tls = options.tls();
        if (options.listening()) {
            block.put("host", options.host())
                    .put("port", leafNodes.listenPort())
                    .put("auth_timeout", GoFormats.seconds(options.authTimeout()))
                    .put("tls_timeout", GoFormats.seconds(tls == null || tls.timeout() == null
                            ? TlsOptions.DEFAULT_TIMEOUT : tls.timeout()))
                    .omitEmpty("tls_required", tls != null)
                    .omitEmpty("tls_verify", tls != null && tls.verify());
        }
        List<GoObject> remotes = new ArrayList<>();
        for (LeafNodeOptions.Remote remote : options.remotes()) {
            remotes.add(new GoObject()
                    .put("local_account", remote.localAccount())
                    .omitEmpty("urls", remote.urls().stream().map(LeafVarz::hostAndPort).toList()));
        }
        return block.omitEmpty("remotes", remotes);
    }

    /** What Go's {@code url.Host} gives: {@code host:port}, or the host alone when the URL has no port. */
    private static String hostAndPort(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }
}
