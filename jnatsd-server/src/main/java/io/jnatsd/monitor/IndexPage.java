package io.jnatsd.monitor;

import io.jnatsd.protocol.Versions;

/** The HTML index at the base path: one link per endpoint, with nats-server's link texts and relative hrefs. */
final class IndexPage implements Endpoint {
    private static final String[][] LINKS = {
        {"/varz", "General"},
        {"/jsz", "JetStream"},
        {"/connz", "Connections"},
        {"/accountz", "Accounts"},
        {"/accstatz", "Account Stats"},
        {"/subsz", "Subscriptions"},
        {"/routez", "Routes"},
        {"/leafz", "LeafNodes"},
        {"/gatewayz", "Gateways"},
        {"/healthz", "Health Probe"},
    };

    private final String page;

    IndexPage(String basePath) {
        StringBuilder html = new StringBuilder()
                .append("<html lang=\"en\">\n<head>\n<title>jnatsd monitoring</title>\n")
                .append("<style type=\"text/css\">\n")
                .append("  body { font-family: sans-serif; margin-left: 32px }\n")
                .append("  a { display: block; margin-left: 7px; padding-bottom: 6px; text-decoration: none }\n")
                .append("</style>\n</head>\n<body>\n")
                .append("<h2>jnatsd</h2>\n<p>v").append(Versions.JNATSD_VERSION)
                .append(" (nats-server ").append(Versions.PROTOCOL_VERSION).append(" compatible)</p>\n");
        for (String[] link : LINKS) {
            // Relative "./<base>/varz" as nats-server writes them, so a proxy prefix keeps working.
            html.append("<a href=.").append(basePath).append(link[0]).append('>').append(link[1]).append("</a>\n");
        }
        // jnatsd's own pages, after nats-server's list.
        html.append("<a href=.").append(basePath).append("/dashboard>Cluster Dashboard</a>\n");
        html.append("<a href=.").append(basePath).append("/metrics>Prometheus Metrics</a>\n");
        page = html.append("<a href=https://docs.nats.io/running-a-nats-service/nats_admin/monitoring>Help</a>\n")
                .append("</body>\n</html>").toString();
    }

    @Override
    public MonitorResponse answer(QueryParameters query) {
        return MonitorResponse.html(page);
    }
}
