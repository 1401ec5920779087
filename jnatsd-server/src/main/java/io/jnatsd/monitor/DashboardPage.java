package io.jnatsd.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /dashboard}: a live view of the cluster as this server sees it. One self-contained page
 * (inline script and style, no external resources, no build step) that polls {@code clusterz} and
 * {@code varz} next to it every two seconds and draws the servers and routes in SVG, with a table of
 * the routes and one of the gateway connections (shown only when there are some); rates are
 * computed in the page from successive polls. Leaf connections have a section of their own that
 * polls {@code leafz}. Script errors are written into the page
 * ({@code <pre id=errors>}) so a headless browser's DOM dump shows them.
 */
final class DashboardPage implements Endpoint {
    private static final String RESOURCE = "dashboard.html";

    private final String page = load();

    @Override
    public MonitorResponse answer(QueryParameters query) {
        return MonitorResponse.html(page);
    }

    private static String load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
